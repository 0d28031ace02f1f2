/**
 * The demo batch job (CONTRACT §6, {@code POST /api/demo/batch}): a real Jakarta Batch job,
 * {@code META-INF/batch-jobs/demo-batch.xml}, whose chunk step transforms generated records and
 * whose only link to jobpulse is {@code jobpulseListener} in its XML plus the {@code jobpulse.*} job
 * parameters. Its reader reports its size as an {@link io.jobpulse.ingest.batch.ItemTotal}.
 *
 * <p>When security arrives, {@code JobOperator.start} needs Liberty's batch roles
 * ({@code batchSubmitter}) or an authenticated caller (STACK.md).
 */
package io.jobpulse.demo.batch;
