/**
 * The durable job store: job state in a relational database behind the Liberty data source
 * {@code jdbc/jobpulse}, an embedded H2 file by default and PostgreSQL for a cluster, chosen by the
 * JDBC URL alone. Plain JDBC, one schema both databases accept, created and migrated at start-up.
 *
 * <p>Key decisions: every event is one transaction that locks the job's row, applies
 * {@link io.jobpulse.job.Lifecycle} and commits before the change is announced, so versions are
 * unique across nodes sharing the database and no pushed state can be lost by a crash. Progress is
 * not written behind: a pushed-but-unwritten version would be handed out again after a crash and
 * could hide a terminal event from a client. Instead concurrent events share one transaction and
 * one commit ({@link io.jobpulse.job.jdbc.GroupCommit}), which measured 2-4 times the throughput of
 * a transaction per event (docs/cluster.md). H2 runs with {@code WRITE_DELAY=0} (each commit reaches
 * the file before the call returns) for the same reason. Plain JDBC rather than JPA: four statements, no
 * entity mapping worth a persistence unit, and full control of the locking.
 */
package io.jobpulse.job.jdbc;
