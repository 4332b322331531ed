/** The event vocabulary and the rules an event must pass, shared by every feeder and the pipeline. */
package dev.ripeness.event;
