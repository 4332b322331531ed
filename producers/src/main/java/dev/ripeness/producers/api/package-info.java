/** The small Java producer API for programs: a facade over the Kafka feed. */
package dev.ripeness.producers.api;
