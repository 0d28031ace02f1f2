/**
 * Ingest: how jobs from outside the application get in (see docs/integrating.md, "HTTP ingest").
 * HTTP ({@code POST /api/jobs/events})
 * lives here; Jakarta Batch and JMS live in the sub-packages.
 *
 * <p>Key decisions:
 * <ul>
 *   <li><b>Same path, with outcomes.</b> HTTP and JMS call {@link io.jobpulse.job.EventApplier#apply}, the
 *       very method {@link io.jobpulse.job.JobEventObserver} calls for fired CDI events, instead of firing
 *       an event: the producer needs each event's outcome (applied, ignored, rejected with a reason) and
 *       an observer cannot return one. Validation, versioning, storage, metrics and the
 *       {@link io.jobpulse.job.JobChanged} push are all inside {@code apply}, so nothing differs. Only
 *       observers of the raw {@code JobEvent} (none in jobpulse) do not see ingested events; observe
 *       {@code JobChanged} to see every change. Ingest is not transactional, so the observer's
 *       after-commit phase has nothing to wait for.</li>
 *   <li><b>One mapping.</b> {@link io.jobpulse.ingest.EventReader} reads the ingest JSON shape for HTTP
 *       and JMS alike and answers wrong JSON types with a per-event reason, never a 500. In that shape
 *       {@code type} is the event kind; the job's label is {@code jobType}.</li>
 *   <li><b>Per-event outcome.</b> One bad event never rejects the good ones of the same body. Status:
 *       202 when at least one event was accepted; 400 when the body is unreadable or when none was
 *       accepted (still with a reason per event); 413 over the size or batch limit (nothing applied).</li>
 *   <li><b>Redeliveries.</b> An event with an {@code eventId} is applied at most once per
 *       {@code (jobId, eventId)} within the {@link io.jobpulse.ingest.ReplayGuard} window (in memory, per
 *       node, bounded by age and count); a replay answers {@code duplicate} with the version the original
 *       produced. Events without an {@code eventId} are applied each time they arrive.</li>
 * </ul>
 */
package io.jobpulse.ingest;
