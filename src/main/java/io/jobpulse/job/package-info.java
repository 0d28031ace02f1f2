/**
 * The job: its state, the lifecycle rules, the store and the CDI path every producer ends in.
 *
 * <p>Producers fire {@link io.jobpulse.job.JobEvent}s (directly or through the {@link io.jobpulse.job.Jobs}
 * facade). {@link io.jobpulse.job.JobEventObserver} hands each one to {@link io.jobpulse.job.EventApplier},
 * which lets the {@link io.jobpulse.job.JobStore} apply it atomically with {@link io.jobpulse.job.Lifecycle}
 * and fires {@link io.jobpulse.job.JobChanged} for every accepted change. The push side, long-poll
 * waiters and the cluster bridge observe that one event.
 *
 * <p>Stores: {@link io.jobpulse.job.MemoryJobStore} (this JVM only) and the durable
 * {@link io.jobpulse.job.jdbc.JdbcJobStore}; {@link io.jobpulse.job.StoreProducer} picks one from
 * {@code jobpulse.store} (default {@code jdbc}).
 *
 * <p>Key decisions: one {@code JobEvent} record with a {@code Kind} rather than a class per kind,
 * because every kind may create a job and so carries the same fields (it also maps one to one onto
 * the HTTP ingest shape). The lifecycle is a pure function so every store applies the same rules
 * inside its own atomic section; the version is assigned there, which is what makes it gap-free.
 */
package io.jobpulse.job;
