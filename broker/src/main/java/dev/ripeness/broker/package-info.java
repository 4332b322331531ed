/** The embedded Apache Kafka broker that `ripeness run` starts when no cluster is named. */
package dev.ripeness.broker;
