package io.jobpulse.job.jdbc;

import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Not wired into the server (yet): the periodic H2 housekeeping measured in docs/benchmarks.md
 * ("Embedded database size", "Compaction from jobpulse"), run by {@link StoreFileSize}. It moves the
 * few live pages out of old, sparsely used chunks, so those chunks die and their space is reused.
 *
 * <p>Why it would have to be jobpulse: H2 does this in its background writer thread, which exists
 * only with a write delay, and jobpulse runs H2 with {@code WRITE_DELAY=0} so that a commit has
 * reached the operating system before the change is pushed.
 *
 * <p>Durability is what H2's own housekeeping gives: the live pages are copied into a new chunk by an
 * ordinary MVStore commit, and an old chunk's space is reused only once nothing references it and it
 * is older than H2's {@code RETENTION_TIME} (45 s), exactly as after any commit. Nothing is
 * overwritten in place and the retention time is left alone ({@code MVStore.compactFile} would set it
 * to 0).
 *
 * <p>What blocks using it in Liberty: it reaches the store through {@code unwrap(JdbcConnection.class)},
 * and Liberty's connection wrapper unwraps only to interfaces (DSRA9124E); H2's connection offers
 * no interface that leads to its session.
 */
public final class H2Maintenance {

    /** Compact while under half of the chunks' bytes is live (H2's background writer aims at 45-90 %). */
    public static final int DEFAULT_FILL_RATE = 50;
    /** Live bytes copied per round at most: H2's own per-round budget (autoCommitMemory, 1 MB by default). */
    public static final int DEFAULT_MAX_WRITE_BYTES = 1 << 20;

    private final DataSource db;
    private final int fillRate;
    private final int maxWriteBytes;

    private H2Maintenance(DataSource db, int fillRate, int maxWriteBytes) {
        this.db = db;
        this.fillRate = fillRate;
        this.maxWriteBytes = maxWriteBytes;
    }

    /**
     * @param fillRate      compact while less than this percentage of the chunks' bytes is live
     * @param maxWriteBytes live bytes one {@link #run} copies at most (bounds the pause of a round)
     * @return the maintenance of {@code db}, or {@code null} if it is not an embedded H2 file whose
     *         classes this application can see (PostgreSQL, H2 in memory or over TCP, H2 not shared
     *         with the application)
     */
    public static H2Maintenance of(DataSource db, int fillRate, int maxWriteBytes) {
        try (Connection c = db.getConnection()) {
            return fileStore(c) == null ? null : new H2Maintenance(db, fillRate, maxWriteBytes);
        } catch (SQLException | LinkageError e) {
            return null;
        }
    }

    /**
     * One round: rewrites the live pages of the oldest sparse chunks (at most {@code maxWriteBytes})
     * and commits them, so that the next commits can free those chunks.
     *
     * @return what the file looked like before the round; {@code null} if the database was closed
     */
    public Report run() throws SQLException {
        try (Connection c = db.getConnection()) {
            MVStore store = mvStore(c);
            FileStore<?> file = store == null ? null : store.getFileStore();
            if (file == null || store.isClosed()) {
                return null;
            }
            Report before = new Report(file.size(), file.getFillRate(), file.getChunksFillRate());
            if (store.compact(fillRate, maxWriteBytes)) {
                store.commit();
            }
            return before;
        }
    }

    /** The file's size, the share of its blocks in use and the share of the chunks' bytes still live. */
    public record Report(long fileBytes, int blocksInUsePercent, int liveChunkBytesPercent) {
    }

    private static FileStore<?> fileStore(Connection c) throws SQLException {
        MVStore store = mvStore(c);
        return store == null ? null : store.getFileStore();  // no file store: jdbc:h2:mem:
    }

    private static MVStore mvStore(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        Session session = c.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof SessionLocal local)) {
            return null;  // jdbc:h2:tcp: the file belongs to another process
        }
        Store store = local.getDatabase().getStore();
        return store == null ? null : store.getMvStore();
    }
}
