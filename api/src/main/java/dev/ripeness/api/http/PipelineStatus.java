package dev.ripeness.api.http;

/**
 * How far the pipeline behind this instance has got: what {@code /ready} and the pipeline
 * gauges of {@code /metrics} report. Implementations answer quickly (a cached value), as
 * probes ask often.
 */
public interface PipelineStatus {

    /** The pipeline's state as Kafka Streams names it: RUNNING, REBALANCING, CREATED, ERROR, ... */
    String state();

    /** Events in the log the pipeline has not processed yet (committed offsets to the committed log end); -1 when unknown. */
    long lag();

    /** Records the pipeline's threads have processed since this instance started. */
    long processed();

    /** Records in the dead-letter topic (the sum of its partitions' committed end offsets); -1 when unknown. */
    long deadLetters();

    /** No pipeline to wait for (a server that only reads): always RUNNING, never behind. */
    PipelineStatus NONE = new PipelineStatus() {
        @Override
        public String state() {
            return "RUNNING";
        }

        @Override
        public long lag() {
            return 0;
        }

        @Override
        public long processed() {
            return 0;
        }

        @Override
        public long deadLetters() {
            return -1;
        }
    };
}
