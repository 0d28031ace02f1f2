package io.jobpulse.job.jdbc;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStore;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** H2Compaction on a real H2 file, an in-memory H2 and the local PostgreSQL. */
class H2CompactionTest {

    private static final int JOBS = 500;

    @TempDir
    Path dir;

    @Test
    void movesLivePagesOutOfSparseChunksAndEveryJobKeepsItsLastState() throws SQLException {
        // RETENTION_TIME=0: H2 moves pages only out of chunks older than the retention time (45 s by
        // default, what the server keeps); the test does not wait that long
        JdbcDataSource db = h2("jdbc:h2:" + dir.resolve("jobs") + ";WRITE_DELAY=0;DB_CLOSE_DELAY=-1;PAGE_SIZE=2048;RETENTION_TIME=0");
        JobStore store = JdbcJobStore.open(db, Clock.systemUTC());
        List<JobEvent> starts = new ArrayList<>();
        for (int j = 0; j < JOBS; j++) {
            starts.add(JobEvent.started("c" + j).forOwner("compaction", null));
        }
        store.applyAll(starts);
        // many small commits, each touching a few jobs: every chunk keeps a page or two that stay live
        for (int round = 1; round <= 400; round++) {
            List<JobEvent> batch = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                batch.add(JobEvent.progress("c" + ((round * 10 + k) % JOBS), round / 4, "round " + round));
            }
            store.applyAll(batch);
        }
        int liveBefore = chunksFillRate(db);
        assertTrue(liveBefore < H2Compaction.FILL_RATE, "the file is fragmented to start with: " + liveBefore + " %");

        H2Compaction compaction = H2Compaction.install(db).orElseThrow();
        assertTrue(compaction.run(), "the first round moves pages out of sparse chunks");

        for (int j = 0; j < JOBS; j++) {
            Job job = store.find("c" + j).orElseThrow();
            int lastRound = lastRoundOf(j);
            assertEquals("round " + lastRound, job.message(), "job c" + j);
            assertEquals(lastRound / 4, job.progress(), "job c" + j);
        }
    }

    @Test
    void anInMemoryDatabaseHasNoFileToCompact() throws SQLException {
        JdbcDataSource db = h2("jdbc:h2:mem:compaction-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        H2Compaction compaction = H2Compaction.install(db).orElseThrow();
        assertFalse(compaction.run());
    }

    @Test
    void uninstallLeavesNoAliasBehind() throws SQLException {
        JdbcDataSource db = h2("jdbc:h2:" + dir.resolve("alias") + ";WRITE_DELAY=0");
        H2Compaction compaction = H2Compaction.install(db).orElseThrow();
        assertEquals(1, aliases(db));
        H2Compaction.install(db); // a second start re-declares it: still one
        assertEquals(1, aliases(db));
        compaction.uninstall();
        assertEquals(0, aliases(db));
    }

    @Test
    void postgreSqlIsLeftAlone() throws SQLException {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(PostgresJobStoreTest.URL);
        pg.setUser(PostgresJobStoreTest.USER);
        assertEquals(Optional.empty(), H2Compaction.install(pg));
    }

    /** The last round of the 400 that updated job j (rounds update jobs round*10 .. round*10+9, modulo JOBS). */
    private static int lastRoundOf(int j) {
        for (int round = 400; round >= 1; round--) {
            int first = round * 10 % JOBS;
            if (j >= first && j < first + 10) {
                return round;
            }
        }
        throw new AssertionError("job c" + j + " was never updated");
    }

    private static JdbcDataSource h2(String url) {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL(url);
        db.setUser("jobpulse");
        db.setPassword("jobpulse");
        return db;
    }

    private static int chunksFillRate(JdbcDataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME = 'info.CHUNKS_FILL_RATE'")) {
            assertTrue(rs.next(), "H2 reports its chunks' fill rate");
            return Integer.parseInt(rs.getString(1));
        }
    }

    private static int aliases(JdbcDataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_NAME = '"
                     + H2Compaction.ALIAS + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
