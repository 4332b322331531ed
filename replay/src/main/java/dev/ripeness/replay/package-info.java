/** Rebuilding state from the event log, proving it equals the live state, and comparing model runs. */
package dev.ripeness.replay;
