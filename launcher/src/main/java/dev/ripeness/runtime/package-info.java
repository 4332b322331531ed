/** Assembles and runs the whole tool in one process: broker, pipeline, API, sinks. */
package dev.ripeness.runtime;
