/**
 * The calibration set (past wars with known outcomes, as data) and the backtest that runs the
 * model over each and scores it. Depends on the model ({@code streams}) and the feeders'
 * parsing and validation ({@code producers}); knows nothing of Kafka.
 */
package dev.ripeness.backtest;
