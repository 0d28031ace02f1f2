package io.jobpulse.job.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The store contract on the real PostgreSQL of this machine ({@code jobpulse.test.postgres.url},
 * default 127.0.0.1:5432/test as postgres), in a schema of its own that is dropped afterwards, so
 * concurrent builds never see each other's rows.
 */
class PostgresJobStoreTest extends JdbcJobStoreContract {

    static final String URL = System.getProperty("jobpulse.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("jobpulse.test.postgres.user", "postgres");

    private static final String SCHEMA = "jp_store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static PGSimpleDataSource db;

    @BeforeAll
    static void schema() throws SQLException {
        db = dataSource(URL);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        db = dataSource(URL + "?currentSchema=" + SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection c = dataSource(URL).getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
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
}
