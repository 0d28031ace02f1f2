package io.jobpulse.job.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Creates and migrates the tables on start-up, so neither the embedded default nor PostgreSQL needs
 * a manual step. {@code jobpulse_schema} holds the number of migrations applied; each start applies
 * the missing ones in order. The SQL is kept to what H2 and PostgreSQL both accept, so there is one
 * schema, not one per database; the few storage settings only PostgreSQL has are kept apart
 * ({@link #POSTGRESQL_ONLY}).
 *
 * <p>Several nodes may start at once on one PostgreSQL: the migrations run in one transaction that
 * first locks the schema row, so one node migrates and the others then find nothing left to do.
 */
final class Schema {

    /** Migration n is {@code MIGRATIONS.get(n - 1)}; append only, never edit a released one. */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("""
                    CREATE TABLE jobpulse_job (
                        job_id     VARCHAR(128) NOT NULL PRIMARY KEY,
                        user_id    VARCHAR(128) NOT NULL,
                        job_type   VARCHAR(64),
                        status     VARCHAR(16)  NOT NULL,
                        progress   INTEGER      NOT NULL,
                        message    VARCHAR(1000),
                        result     TEXT,
                        error      VARCHAR(4000),
                        version    BIGINT       NOT NULL,
                        created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                        updated_at TIMESTAMP WITH TIME ZONE NOT NULL
                    )""",
                    "CREATE INDEX jobpulse_job_by_user ON jobpulse_job (user_id, created_at)",
                    "CREATE INDEX jobpulse_job_by_update ON jobpulse_job (updated_at)"),
            // every job ends: cancellation requests, the reason of an end the server decided, stall deadlines
            List.of("ALTER TABLE jobpulse_job ADD COLUMN cancel_requested BOOLEAN DEFAULT FALSE NOT NULL",
                    "ALTER TABLE jobpulse_job ADD COLUMN reason VARCHAR(32)",
                    "ALTER TABLE jobpulse_job ADD COLUMN stale_after_seconds INTEGER",
                    "ALTER TABLE jobpulse_job ADD COLUMN stale_at TIMESTAMP WITH TIME ZONE",
                    "ALTER TABLE jobpulse_job ADD COLUMN node VARCHAR(255)",
                    "CREATE INDEX jobpulse_job_by_stale_at ON jobpulse_job (stale_at)",
                    "CREATE INDEX jobpulse_job_by_node ON jobpulse_job (node)"),
            // Progress changes no indexed column, so PostgreSQL can update a running job's row in place
            // (a HOT update: no new index entries, the old version pruned on its page). Every progress
            // event moves updated_at and stale_at, and both were indexed: each update wrote a new entry in
            // all five indexes and left dead versions behind under every primary-key lookup (92 % of an
            // ingest request's time was spent waiting on PostgreSQL). The purge now finds finished jobs
            // by finished_at, set once when the job ends; the stall sweep finds due jobs by the deadline's
            // epoch minute, which a deadline renewed by every event moves at most once a minute, and then
            // checks stale_at itself (JobRows.dueBy).
            List.of("ALTER TABLE jobpulse_job ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE",
                    "UPDATE jobpulse_job SET finished_at = updated_at WHERE status IN ('completed', 'failed', 'cancelled')",
                    "CREATE INDEX jobpulse_job_by_finish ON jobpulse_job (finished_at)",
                    "DROP INDEX jobpulse_job_by_update",
                    "ALTER TABLE jobpulse_job ADD COLUMN stale_minute BIGINT",
                    "UPDATE jobpulse_job SET stale_minute = FLOOR(EXTRACT(EPOCH FROM stale_at) / 60) WHERE stale_at IS NOT NULL",
                    "CREATE INDEX jobpulse_job_by_stale_minute ON jobpulse_job (stale_minute)",
                    "DROP INDEX jobpulse_job_by_stale_at"));

    /**
     * Statements only PostgreSQL runs, after the common ones of the migration with that number:
     * storage settings H2 has no equivalent for.
     *
     * <p>3: a HOT update puts the row's new version on the same page as the old one, so the page needs
     * free room for it. At the default fillfactor of 100 inserts fill the pages up, and an update finds
     * room only after PostgreSQL has pruned the page's dead versions, which it then does on almost
     * every visit; an ingest batch of 100 updates most rows of a page in one transaction, whose new
     * versions cannot be pruned before it commits, so a half-empty page holds a whole batch's worth.
     * Measured with 2,000 jobs and batches of 100 (docs/benchmarks.md, "PostgreSQL: HOT updates"):
     * fillfactor 100 left 1.4-2.9 % of the updates non-HOT and cost PostgreSQL 8.4-9.2 ms of CPU per
     * batch, fillfactor 50 made 100 % HOT at 2.2 ms. The table is small either way (one row per live
     * job). It applies to pages written from now on; older pages get their room as rows move.
     */
    private static final Map<Integer, List<String>> POSTGRESQL_ONLY = Map.of(
            3, List.of("ALTER TABLE jobpulse_job SET (fillfactor = 50)"));

    private Schema() {
    }

    /** Number of migrations this code knows; the schema version it leaves behind. */
    static int latest() {
        return MIGRATIONS.size();
    }

    static void migrate(Connection c) throws SQLException {
        migrate(c, latest());
    }

    /** Applies the migrations up to {@code target} (a test builds a database of an older version with it). */
    static void migrate(Connection c, int target) throws SQLException {
        boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        createVersionTable(c);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            int current = lockedVersion(c);
            if (current > latest()) {
                throw new SQLException("the database schema is at version " + current
                        + " but this jobpulse only knows " + latest() + "; run a newer jobpulse");
            }
            try (Statement s = c.createStatement()) {
                for (int v = current + 1; v <= target; v++) {
                    for (String sql : MIGRATIONS.get(v - 1)) {
                        s.execute(sql);
                    }
                    for (String sql : postgres ? POSTGRESQL_ONLY.getOrDefault(v, List.of()) : List.<String>of()) {
                        s.execute(sql);
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE jobpulse_schema SET version = ? WHERE id = 1")) {
                p.setInt(1, Math.max(current, target));
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * The version table and its single row. Two nodes creating them at the same moment make one of
     * them fail with a duplicate; {@link JdbcJobStore#open} then simply runs the migration again.
     */
    private static void createVersionTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS jobpulse_schema (id INTEGER NOT NULL PRIMARY KEY, version INTEGER NOT NULL)");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM jobpulse_schema")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            s.execute("INSERT INTO jobpulse_schema (id, version) VALUES (1, 0)");
        }
    }

    private static int lockedVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM jobpulse_schema WHERE id = 1 FOR UPDATE")) {
            if (!rs.next()) {
                throw new SQLException("jobpulse_schema has no row");
            }
            return rs.getInt(1);
        }
    }
}
