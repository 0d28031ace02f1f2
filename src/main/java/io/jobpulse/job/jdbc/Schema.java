package io.jobpulse.job.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Creates and migrates the tables on start-up, so neither the embedded default nor PostgreSQL needs
 * a manual step. {@code jobpulse_schema} holds the number of migrations applied; each start applies
 * the missing ones in order. The SQL is kept to what H2 and PostgreSQL both accept, so there is one
 * schema, not one per database.
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
                    "CREATE INDEX jobpulse_job_by_node ON jobpulse_job (node)"));

    private Schema() {
    }

    /** Number of migrations this code knows; the schema version it leaves behind. */
    static int latest() {
        return MIGRATIONS.size();
    }

    static void migrate(Connection c) throws SQLException {
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
                for (int v = current + 1; v <= latest(); v++) {
                    for (String sql : MIGRATIONS.get(v - 1)) {
                        s.execute(sql);
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE jobpulse_schema SET version = ? WHERE id = 1")) {
                p.setInt(1, latest());
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
