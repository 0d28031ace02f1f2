/**
 * JMH microbenchmarks of the push hot path, run with
 * {@code mvn -Pbench -DskipTests package exec:exec@jmh} (docs/benchmarks.md): applying an event to
 * the memory store, encoding one push per wire format, and fanning one change out to many
 * subscribed connections whose sockets complete every write at once (so the figure is jobpulse's own
 * cost, not the container's).
 */
package io.jobpulse.bench.jmh;
