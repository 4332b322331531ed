/**
 * The end-to-end benchmark behind {@code ripeness bench}: a throw-away embedded broker, the
 * production pipeline (exactly-once v2, bounded RocksDB), generated events through the real
 * feed, and the measurements (ingest rate, pipeline throughput per decile, end-to-end latency
 * of marker events, peak heap). May depend on broker, producers and streams; nothing depends on it.
 */
package dev.ripeness.bench.endtoend;
