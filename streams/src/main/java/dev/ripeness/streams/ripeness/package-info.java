/**
 * The ripeness assessment (docs/model.md §3, §5–7) as a fold over event dates: the conflict
 * snapshot of decaying evidence, way out, catastrophe and opportunity, mediator stance and
 * reversals, MHS as the weakest link over sides, ripeness, band, pathway and interval, the
 * assessment as of any later day by decay, and explanations that add up ({@code Ledger}).
 * {@code ConflictRun} folds a whole history in memory (backtest, tests). Plain Java; depends on
 * {@code demand}, {@code stalemate}, {@code model} and the Avro records.
 */
package dev.ripeness.streams.ripeness;
