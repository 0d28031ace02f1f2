package io.jobpulse.job.jdbc;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.UUID;

/** The store contract on the embedded default: an H2 file with the options liberty-config uses. */
class H2JobStoreTest extends JdbcJobStoreContract {

    @TempDir
    static Path dir;

    private static JdbcDataSource db;

    @BeforeAll
    static void database() {
        db = file("jobpulse");
    }

    private static JdbcDataSource file(String name) {
        JdbcDataSource file = new JdbcDataSource();
        file.setURL("jdbc:h2:" + dir.resolve(name) + ";WRITE_DELAY=0;DB_CLOSE_DELAY=-1;PAGE_SIZE=2048;CACHE_SIZE=1024");
        file.setUser("jobpulse");
        file.setPassword("jobpulse");
        return file;
    }

    @Override
    protected DataSource dataSource() {
        return db;
    }

    @Override
    protected DataSource emptyDatabase() {
        return file("empty-" + UUID.randomUUID());
    }
}
