/** Reading the pipeline's state: current and as-of answers, routed to the instance that holds them. */
package dev.ripeness.streams.query;
