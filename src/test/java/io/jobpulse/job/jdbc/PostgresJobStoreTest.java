package io.jobpulse.job.jdbc;

import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store contract on the real PostgreSQL of this machine ({@code jobpulse.test.postgres.url},
 * default 127.0.0.1:5432/test as postgres), in a schema of its own that is dropped afterwards, so
 * concurrent builds never see each other's rows.
 */
class PostgresJobStoreTest extends JdbcJobStoreContract {

    static final String URL = System.getProperty("jobpulse.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("jobpulse.test.postgres.user", "postgres");

    private static final String SCHEMA = newSchemaName();
    private static final List<String> SCHEMAS = new ArrayList<>(List.of(SCHEMA));
    private static PGSimpleDataSource db;

    @BeforeAll
    static void schema() throws SQLException {
        db = inNewSchema(SCHEMA);
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        try (Connection c = dataSource(URL).getConnection(); Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static String newSchemaName() {
        return "jp_store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static PGSimpleDataSource inNewSchema(String schema) throws SQLException {
        try (Connection c = dataSource(URL).getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return dataSource(URL + "?currentSchema=" + schema);
    }

    private static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(USER);
        return ds;
    }

    @Override
    protected DataSource dataSource() {
        return db;
    }

    @Override
    protected DataSource emptyDatabase() throws SQLException {
        String schema = newSchemaName();
        SCHEMAS.add(schema);
        return inNewSchema(schema);
    }

    /**
     * Progress of running jobs updates their rows in place (HOT: no index entry written), batch after
     * batch. Each transaction's own counts are read on its connection just before it commits
     * ({@code pg_stat_get_xact_*} include the open transaction; the cumulative view lags by up to
     * seconds). The connection's earlier counts are flushed first, so only this transaction's remain.
     */
    @Test
    void progressUpdatesAreHotAndTheTableLeavesRoomForThem() throws SQLException {
        List<long[]> commits = new ArrayList<>();
        JobStore store = JdbcJobStore.open(countingHotUpdates(dataSource(), commits), clock, 60);
        List<String> jobIds = new ArrayList<>();
        List<JobEvent> starts = new ArrayList<>();
        for (int j = 0; j < 10; j++) {
            jobIds.add(id("hot"));
            starts.add(JobEvent.started(jobIds.get(j)).forOwner("hal", null));
        }
        store.applyAll(starts);
        for (int round = 1; round <= 5; round++) {
            List<JobEvent> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(JobEvent.progress(jobIds.get(i % 10), round * 10 + i / 10, "round " + round + " step " + i));
            }
            clock.advance(Duration.ofSeconds(7));  // updated_at and the deadlines move on
            commits.clear();
            store.applyAll(batch).forEach(JdbcJobStoreContract::applied);
            assertEquals(1, commits.size(), "one transaction for the batch");
            assertEquals(10, commits.get(0)[0], "round " + round + ": one update per job");
            assertEquals(10, commits.get(0)[1], "round " + round + ": every update HOT");
        }
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT array_to_string(reloptions, ',') FROM pg_class "
                     + "WHERE oid = 'jobpulse_job'::regclass")) {
            assertTrue(rs.next());
            assertTrue(String.valueOf(rs.getString(1)).contains("fillfactor="), "room on every page: " + rs.getString(1));
        }
    }

    /** Connections that add {updated, HOT-updated} rows of jobpulse_job to {@code commits} at each commit. */
    private static DataSource countingHotUpdates(DataSource target, List<long[]> commits) {
        return (DataSource) Proxy.newProxyInstance(PostgresJobStoreTest.class.getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (!(result instanceof Connection c)) {
                        return result;
                    }
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_stat_force_next_flush()");
                    }
                    return Proxy.newProxyInstance(PostgresJobStoreTest.class.getClassLoader(),
                            new Class<?>[]{Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("commit")) {
                                    commits.add(hotCounts(c));
                                }
                                return invoke(c, m, a);
                            });
                });
    }

    private static long[] hotCounts(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_stat_get_xact_tuples_updated('jobpulse_job'::regclass), "
                     + "pg_stat_get_xact_tuples_hot_updated('jobpulse_job'::regclass)")) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2)};
        }
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
