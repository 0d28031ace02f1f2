/**
 * Jakarta Batch integration: {@link io.jobpulse.ingest.batch.BatchProgressListener} ({@code jobpulseListener}
 * in a job XML) turns job, step and chunk callbacks into job events fired on the CDI path, like any
 * application code.
 *
 * <p>Key decisions:
 * <ul>
 *   <li><b>Which job.</b> Job parameters {@code jobpulse.jobId}, {@code jobpulse.userId},
 *       {@code jobpulse.type}, {@code jobpulse.total}; the default id comes from the job instance so
 *       every execution of one instance (its restarts) reports to the same job
 *       ({@link io.jobpulse.ingest.batch.BatchIdentity}).</li>
 *   <li><b>Restarts and the job rules.</b> A stopped execution leaves the job running (message only), so a
 *       restart continues it, progress resuming where it was. A failed execution fails the job, which is
 *       then final; a restart after it reports to {@code <jobId>:attempt-2} (3, ...), a new job of the same
 *       user and type, so the restart is visible without re-opening a finished job.</li>
 *   <li><b>Progress</b> = items read (plus read-skips) against the total: an
 *       {@link io.jobpulse.ingest.batch.ItemTotal} the reader puts in the step's transient user data
 *       (exact across restarts), else the {@code jobpulse.total} parameter (a restart then counts from zero
 *       and the shown percentage holds until it is passed). Partitioned steps are not supported yet: their
 *       partitions run as sub-jobs with their own contexts.</li>
 *   <li><b>List it on the job too.</b> The job-level callbacks start and finish the job and release the
 *       execution's entry in {@link io.jobpulse.ingest.batch.BatchRuns}; step-level alone reports progress
 *       but never completes the job.</li>
 *   <li><b>Never fails the batch.</b> Every callback swallows and logs its own errors.</li>
 *   <li>Batch state is in memory (no {@code batchPersistence}); with mpJwt/appSecurity,
 *       {@code JobOperator} calls need Liberty's {@code batchSubmitter}/{@code batchMonitor}
 *       roles.</li>
 * </ul>
 */
package io.jobpulse.ingest.batch;
