/**
 * The floor: the least a Jakarta EE application on this Liberty can do for the benchmark's load,
 * packaged alone as {@code target/jobpulse-floor.war} (the {@code bench} profile) and run with
 * the harness's {@code war=target/jobpulse-floor.war}. It does what the socket.io peer does
 * ({@code src/bench/js/peer.mjs}): HTTP ingest validated and kept in a map, a Socket.IO
 * "subscribe" by jobId or userId joining a room, each applied event written to its rooms. Nothing
 * else: no store, no CDI events, no replay guard, no per-connection limits, no heartbeat, and
 * every frame written on the request thread with a blocking send (the cheapest way measured, and
 * not safe against a client that stops reading). Whatever this costs on Liberty, jobpulse cannot
 * cost less: docs/benchmarks.md compares jobpulse, the floor and the peer in one run. Never
 * deployed in the product.
 */
package io.jobpulse.bench.floor;
