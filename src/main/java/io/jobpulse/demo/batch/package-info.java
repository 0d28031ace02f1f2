/**
 * The demo batch job (see README, "Endpoints", {@code POST /api/demo/batch}): a real Jakarta Batch job,
 * {@code META-INF/batch-jobs/demo-batch.xml}, whose chunk step transforms generated records and
 * whose only link to jobpulse is {@code jobpulseListener} in its XML plus the {@code jobpulse.*} job
 * parameters. Its reader reports its size as an {@link io.jobpulse.ingest.batch.ItemTotal}.
 *
 * <p>{@code JobOperator.start} runs as the caller of {@code POST /api/demo/batch}; with Liberty's
 * application security on, starting a job needs the batch role {@code batchSubmitter}.
 */
package io.jobpulse.demo.batch;
