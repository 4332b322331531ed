/** The deterministic synthetic event stream and its synthetic conflicts, for tests and benchmarks. */
package dev.ripeness.producers.generate;
