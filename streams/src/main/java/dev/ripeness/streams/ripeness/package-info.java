/**
 * The ripeness assessment (BRIEF §3.4) as a fold over event dates: the conflict snapshot,
 * way out, catastrophe and opportunity signals, mediator stance and reversals, MHS as the
 * weakest link, ripeness, band and pathway, and explanations by leave-one-out deltas.
 * Plain Java; depends on {@code demand}, {@code stalemate}, {@code model} and the Avro records.
 */
package dev.ripeness.streams.ripeness;
