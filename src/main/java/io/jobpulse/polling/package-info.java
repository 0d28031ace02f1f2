/**
 * Job state over plain HTTP, for clients that do not keep a socket open (see README, "Endpoints";
 * docs/delivery.md, "Long-poll"): {@link io.jobpulse.polling.JobsResource} answers {@code GET /api/jobs}
 * (a caller's jobs) and {@code GET /api/jobs/{jobId}}, whose long-poll ({@code afterVersion},
 * {@code waitSeconds}) parks on {@link io.jobpulse.polling.JobWaiters} until the job moves past the
 * version the client has. Both read the store, so every node gives the same answer.
 *
 * <p>{@link io.jobpulse.polling.CancelResource} ({@code POST /api/jobs/{jobId}/cancel}) lives here
 * too: it is the one other thing a job's reader does over HTTP, on the same path, with the same rule
 * (a job the caller may not read is answered 404, as polling answers it). Producers' HTTP ingest is
 * a different feature ({@code io.jobpulse.ingest}).
 */
package io.jobpulse.polling;
