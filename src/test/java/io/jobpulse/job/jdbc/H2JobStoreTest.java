package io.jobpulse.job.jdbc;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store contract on the embedded default: an H2 file with the options liberty-config/jobpulse.xml ships. */
class H2JobStoreTest extends JdbcJobStoreContract {

    @TempDir
    static Path dir;

    /** The default of jobpulse.db.url in liberty-config/jobpulse.xml, the file's folder left to fill in. */
    private static final Pattern SHIPPED_URL = Pattern.compile(
            "name=\"jobpulse\\.db\\.url\"\\s+defaultValue=\"jdbc:h2:\\$\\{server\\.output\\.dir}/data/jobpulse([^\"]*)\"");

    private static String options;
    private static JdbcDataSource db;

    @BeforeAll
    static void database() throws IOException {
        Matcher shipped = SHIPPED_URL.matcher(Files.readString(Path.of("liberty-config/jobpulse.xml")));
        assertTrue(shipped.find(), "jobpulse.xml declares the embedded H2 URL");
        options = shipped.group(1);
        db = file("jobpulse");
    }

    /** H2's own default (16 MB) kept replaced page copies alive across young collections (docs/benchmarks.md). */
    @Test
    void theShippedUrlBoundsH2sPageCacheAtOneMegabyte() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                     + "WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
            assertTrue(rs.next());
            assertEquals("1", rs.getString(1), "page cache in MB");
        }
    }

    private static JdbcDataSource file(String name) {
        JdbcDataSource file = new JdbcDataSource();
        file.setURL("jdbc:h2:" + dir.resolve(name) + options);
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
