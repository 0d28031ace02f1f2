/**
 * The load harness (docs/benchmarks.md): starts a bench Liberty server from the built runtime (or
 * targets a running one), drives it with thousands of cheap socket clients that speak the WebSocket
 * and Socket.IO frames themselves, publishes progress through HTTP ingest or the in-process producer,
 * polls with wrk, and reports delivered events/s, end-to-end latency, loss, server CPU per event and
 * memory per connection as one JSON line per scenario plus a table.
 *
 * <p>Latency needs no clock sync: producer and clients run on one machine, and Java's
 * {@code System.nanoTime()} reads the system-wide monotonic clock on Linux, so the send time carried
 * in each event's message is comparable with the receive time in another process.
 */
package io.jobpulse.bench.harness;
