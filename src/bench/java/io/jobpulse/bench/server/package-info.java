/**
 * Deployed only in the benchmark WAR ({@code target/jobpulse-bench.war}, built by the {@code bench}
 * Maven profile), never in the product: the in-process producer that fires {@code JobEvent}s inside
 * the server at a target rate, so the push path can be loaded without HTTP ingest in front of it.
 */
package io.jobpulse.bench.server;
