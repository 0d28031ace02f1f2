package io.jobpulse.job;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The changes of one producer's batch (an HTTP array, a JMS message), announced as one
 * {@link JobChanged} each on the producer's thread after the batch has committed. An observer that
 * hands work to other threads (the push side wakes its sender threads) asks {@link #current()} and,
 * inside a batch, hands it over once at the end ({@link #atEnd}) instead of once per change: a batch
 * of 100 events then costs the request thread one wake-up, not 100.
 */
public final class ChangeBatch {

    private static final Logger LOG = Logger.getLogger(ChangeBatch.class.getName());
    private static final ThreadLocal<ChangeBatch> CURRENT = new ThreadLocal<>();

    private final List<Runnable> atEnd = new ArrayList<>(2);

    private ChangeBatch() {
    }

    /** The batch being announced on this thread, or null outside one. */
    public static ChangeBatch current() {
        return CURRENT.get();
    }

    /** Runs {@code task} on this thread once every change of the batch has been announced. */
    public void atEnd(Runnable task) {
        atEnd.add(task);
    }

    /** Runs {@code announcements} as one batch (inside an enclosing one: as part of it). */
    public static void announce(Runnable announcements) {
        if (CURRENT.get() != null) {
            announcements.run();
            return;
        }
        ChangeBatch batch = new ChangeBatch();
        CURRENT.set(batch);
        try {
            announcements.run();
        } finally {
            CURRENT.remove();
            batch.end();
        }
    }

    private void end() {
        for (Runnable task : atEnd) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // the changes are stored and announced; one listener's failure must not stop the others'
                LOG.log(Level.WARNING, "Finishing a batch of job changes failed", e);
            }
        }
    }
}
