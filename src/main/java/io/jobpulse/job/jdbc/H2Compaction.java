package io.jobpulse.job.jdbc;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Keeps the embedded H2 file bounded. Every commit appends a chunk to the file; a chunk's space is
 * reused once none of its pages is live any more. Under steady progress updates almost every chunk
 * keeps a few live pages for good, so without help the file grows with the commits, not with the
 * jobs (docs/benchmarks.md, "Compaction from jobpulse"). H2 moves such pages out of sparse chunks in
 * its background writer, which does not exist with {@code WRITE_DELAY=0}, the setting that makes a
 * commit reach the operating system before the change is pushed. {@link #run} does that move.
 *
 * <p>It moves pages with an ordinary MVStore commit; old chunks are freed only after H2's retention
 * time, as after any commit, so it changes nothing about what survives {@code kill -9}.
 *
 * <p>How it reaches H2: Liberty's connection wrapper hides H2's classes, but H2 calls a Java function
 * alias with its own connection. The alias names {@link #compact}, which H2 loads through the calling
 * thread's context class loader (the application's, on the threads that call it); {@link #compact}
 * then uses reflection only, so the application needs no H2 classes.
 */
public final class H2Compaction {

    static final String ALIAS = "JOBPULSE_COMPACT";
    /** Compact while less than half of the chunks' bytes is live (H2's own writer aims at 45-90 %). */
    static final int FILL_RATE = 50;
    /** Live bytes one round moves at most: bounds the pause (H2's own per-round budget). */
    static final int MAX_MOVE_BYTES = 1 << 20;

    private final DataSource db;

    private H2Compaction(DataSource db) {
        this.db = db;
    }

    /**
     * Declares the alias when {@code db} is H2 (re-declared on every start, so it names this
     * deployment's class); empty for any other database.
     */
    public static Optional<H2Compaction> install(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            if (!"H2".equals(c.getMetaData().getDatabaseProductName())) {
                return Optional.empty();
            }
            s.execute("DROP ALIAS IF EXISTS " + ALIAS);
            // FORCE: H2 loads the class when the alias is first called, not when the database opens
            s.execute("CREATE FORCE ALIAS " + ALIAS + " FOR '" + H2Compaction.class.getName() + ".compact'");
        }
        return Optional.of(new H2Compaction(db));
    }

    /** One round; true if pages were moved. */
    public boolean run() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("CALL " + ALIAS + "(" + FILL_RATE + ", " + MAX_MOVE_BYTES + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Removes the alias, so the database never names a class of an undeployed application. */
    public void uninstall() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP ALIAS IF EXISTS " + ALIAS);
        }
    }

    /**
     * Called by H2 with its own connection: moves the live pages of sparse chunks (at most
     * {@code maxBytes}) and commits them. False for a database without a file of this process
     * ({@code jdbc:h2:mem:}, {@code jdbc:h2:tcp:}) or when nothing was moved.
     */
    public static boolean compact(Connection h2, int fillRate, int maxBytes) throws SQLException {
        try {
            Object session = call(h2, "getSession");
            if (!session.getClass().getSimpleName().equals("SessionLocal")) {
                return false; // a remote session: the file belongs to another process
            }
            Object store = call(call(session, "getDatabase"), "getStore");
            Object mvStore = store == null ? null : call(store, "getMvStore");
            if (mvStore == null || call(mvStore, "getFileStore") == null || (Boolean) call(mvStore, "isClosed")) {
                return false;
            }
            boolean moved = (Boolean) mvStore.getClass().getMethod("compact", int.class, int.class)
                    .invoke(mvStore, fillRate, maxBytes);
            if (moved) {
                call(mvStore, "commit");
            }
            return moved;
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new SQLException("H2 compaction failed: " + cause, cause);
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        return target.getClass().getMethod(method).invoke(target);
    }
}
