/**
 * Liberty batch events: every Jakarta Batch job of every application on this Liberty server as a
 * jobpulse job, with no change to those applications (docs/integrating.md, "Every batch job on this
 * server"). Liberty's batch runtime publishes instance, execution, step and checkpoint events to the
 * topic tree {@code batch/...} ({@code batchManagement-1.0}, {@code <batchJmsEvents>});
 * {@link io.jobpulse.ingest.batchevents.BatchEventsSubscriber} reads them,
 * {@link io.jobpulse.ingest.batchevents.BatchJobs} turns them into job events and
 * {@link io.jobpulse.ingest.batchevents.BatchEventsBridge} applies those on the path of every producer.
 *
 * <p>Key decisions:
 * <ul>
 *   <li><b>Off means absent.</b> Liberty, not the application, switches it: features cannot depend on
 *       a server variable, and an {@code <include>} location resolves environment variables only, so
 *       {@code liberty-config/server.env} turns {@code JOBPULSE_BATCH_EVENTS} into the file
 *       messaging.xml includes. Off, the feature is not installed and the subscription's activation
 *       spec stays paused ({@code autoStart} false until batch-events-true.xml sets its variable), so the
 *       bean is bound but never receives.</li>
 *   <li><b>In-process only.</b> The events travel over the embedded engine, which has no network
 *       listener (docs/security.md): only this server's batch runtime publishes them.</li>
 *   <li><b>Owner = submitter.</b> Only instance events carry it (Liberty records one only with
 *       application security); without one the owner is {@code batch}. An event that would create a
 *       job before its instance is known waits, briefly, for it.</li>
 *   <li><b>Ids.</b> {@code batch-<instance>-<server run>}, restarts {@code :attempt-N}: a stopped or
 *       failed execution ends its job, and a finished job is final.</li>
 *   <li><b>Progress</b> against the last completed run of the same job: Liberty publishes neither the
 *       number of steps nor a step's total.</li>
 *   <li><b>Order and duplicates</b> are left to versions and the lifecycle; a JMS message id seen
 *       before is not applied again. Unknown and malformed events are counted and logged, never
 *       thrown; a failing job store is (the delivery rolls back and comes again).</li>
 *   <li><b>Not doubled.</b> Events of the jobpulse application's own jobs are skipped: its Batch
 *       listener reports them.</li>
 * </ul>
 */
package io.jobpulse.ingest.batchevents;
