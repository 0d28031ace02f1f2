package io.jobpulse.job.jdbc;

import io.jobpulse.job.Endings;
import io.jobpulse.job.Job;
import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStore;
import io.jobpulse.job.Lifecycle;
import io.jobpulse.job.Outcome;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps jobs in a relational database (embedded H2 by default, PostgreSQL for a cluster).
 *
 * <p>An event is applied in a short transaction: lock the job's row ({@code SELECT ... FOR UPDATE}),
 * run {@link Lifecycle}, write the new state, commit. The row lock is what makes versions gap-free
 * and unique even when several nodes take events for the same job; the commit returns before anyone
 * is told, so every pushed state, terminal or not, is already in the database. Events that arrive
 * concurrently share one such transaction ({@link GroupCommit}), which is what keeps the database
 * from being the bottleneck without writing anything behind.
 */
public final class JdbcJobStore implements JobStore {

    /** A transaction that lost a race (two first events of one job, a dropped connection) is retried. */
    private static final int ATTEMPTS = 3;
    private static final int PURGE_BATCH = 500;

    /** Events one transaction takes at most: a whole ingest batch at its default limit (jobpulse.ingest.max-batch). */
    private static final int MAX_BATCH = 1000;

    private final DataSource db;
    private final Clock clock;
    private final long defaultStaleAfterSeconds;
    private final GroupCommit<JobEvent, Outcome> commits = new GroupCommit<>(MAX_BATCH, this::applyBatch);

    private JdbcJobStore(DataSource db, Clock clock, long defaultStaleAfterSeconds) {
        // The database keeps microseconds: a pushed state must equal the one read back later.
        this.db = db;
        this.defaultStaleAfterSeconds = defaultStaleAfterSeconds;
        this.clock = Clock.tick(clock, Duration.ofNanos(1000));
    }

    /** Creates or migrates the schema, then returns the store; no default stall deadline. */
    public static JdbcJobStore open(DataSource db, Clock clock) {
        return open(db, clock, 0);
    }

    /**
     * Creates or migrates the schema, then returns the store.
     *
     * @param defaultStaleAfterSeconds the stall deadline of jobs whose producer set none; 0 = none
     */
    public static JdbcJobStore open(DataSource db, Clock clock, long defaultStaleAfterSeconds) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.getConnection()) {
                Schema.migrate(c);
                return new JdbcJobStore(db, clock, defaultStaleAfterSeconds);
            } catch (SQLException e) {
                // another node may be creating the same tables at this very moment
                if (attempt == ATTEMPTS) {
                    throw new StoreException("could not create or migrate the job tables", e);
                }
                pause(attempt);
            }
        }
    }

    @Override
    public Outcome apply(JobEvent event) {
        if (event == null || event.jobId() == null) {
            return Lifecycle.apply(null, event, clock.instant());
        }
        return commits.submit(event);
    }

    /** The events share a transaction (with those of concurrent callers), committed before this returns. */
    @Override
    public List<Outcome> applyAll(List<JobEvent> events) {
        List<JobEvent> valid = new ArrayList<>(events.size());
        for (JobEvent e : events) {
            if (e != null && e.jobId() != null) {
                valid.add(e);
            }
        }
        List<Outcome> applied = valid.isEmpty() ? List.of() : commits.submitAll(valid);
        List<Outcome> outcomes = new ArrayList<>(events.size());
        int next = 0;
        for (JobEvent e : events) {
            outcomes.add(e != null && e.jobId() != null ? applied.get(next++) : apply(e));
        }
        return outcomes;
    }

    /**
     * Applies a batch of concurrent callers' events in one transaction (see {@link GroupCommit}). If
     * that transaction fails (two nodes created the same job at once, a stale pooled connection ...),
     * each event is retried in a transaction of its own, so one failure costs only its own event.
     */
    private void applyBatch(List<GroupCommit.Request<JobEvent, Outcome>> batch) {
        List<JobEvent> events = new ArrayList<>(batch.size());
        batch.forEach(r -> events.add(r.item));
        Connection c;
        try {
            c = db.getConnection();
        } catch (SQLException e) {
            // the database is unreachable: retrying each event would only make every caller wait longer
            StoreException failure = new StoreException("could not reach the job database", e);
            batch.forEach(r -> r.fail(failure));
            return;
        }
        List<Outcome> outcomes;
        try (c) {
            outcomes = applyInTransaction(c, events);
        } catch (SQLException | RuntimeException e) {
            for (GroupCommit.Request<JobEvent, Outcome> r : batch) {
                try {
                    r.complete(applyAlone(r.item));
                } catch (RuntimeException failure) {
                    r.fail(failure);
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(outcomes.get(i));
        }
    }

    private Outcome applyAlone(JobEvent event) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.getConnection()) {
                return applyInTransaction(c, List.of(event)).get(0);
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || !isRetryable(e)) {
                    throw new StoreException("could not apply an event to job '" + event.jobId() + "'", e);
                }
            }
        }
    }

    /**
     * Locks the rows of every job the events touch, runs the lifecycle over the events in order (two
     * events of one job see each other), writes each changed job once and commits.
     */
    private List<Outcome> applyInTransaction(Connection c, List<JobEvent> events) throws SQLException {
        c.setAutoCommit(false);
        try {
            Set<String> ids = new HashSet<>();
            events.forEach(e -> ids.add(e.jobId()));
            Map<String, Job> current = JobRows.lockAll(c, ids);
            Set<String> existing = Set.copyOf(current.keySet());
            Map<String, Job> changed = new LinkedHashMap<>();
            List<Outcome> outcomes = new ArrayList<>(events.size());
            for (JobEvent event : events) {
                Outcome outcome = Lifecycle.apply(current.get(event.jobId()), event, clock.instant(),
                        defaultStaleAfterSeconds);
                if (outcome instanceof Outcome.Applied applied) {
                    current.put(event.jobId(), applied.job());
                    changed.put(event.jobId(), applied.job());
                }
                outcomes.add(outcome);
            }
            if (changed.isEmpty()) {
                c.rollback();
            } else {
                List<Job> created = new ArrayList<>();
                List<Job> updated = new ArrayList<>();
                changed.values().forEach(job -> (existing.contains(job.jobId()) ? updated : created).add(job));
                JobRows.insertAll(c, created);
                JobRows.updateAll(c, updated);
                c.commit();
            }
            c.setAutoCommit(true);
            return outcomes;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        }
    }

    /** One short transaction holding the job's row lock: of several nodes deciding at once, one changes it. */
    @Override
    public Outcome decide(String jobId, Endings.Decision decision) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                try {
                    Outcome outcome = decision.decide(JobRows.lockAll(c, List.of(jobId)).get(jobId), clock.instant());
                    if (outcome instanceof Outcome.Applied applied) {
                        JobRows.updateAll(c, List.of(applied.job()));
                        c.commit();
                    } else {
                        c.rollback();
                    }
                    c.setAutoCommit(true);
                    return outcome;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || !isRetryable(e)) {
                    throw new StoreException("could not update job '" + jobId + "'", e);
                }
            }
        }
    }

    @Override
    public List<String> dueBy(Instant now, int limit) {
        try (Connection c = db.getConnection()) {
            return JobRows.dueBy(c, now, limit);
        } catch (SQLException e) {
            throw new StoreException("could not read the jobs past their deadline", e);
        }
    }

    @Override
    public List<String> activeIn(String node) {
        try (Connection c = db.getConnection()) {
            return JobRows.activeIn(c, node);
        } catch (SQLException e) {
            throw new StoreException("could not read the jobs of node " + node, e);
        }
    }

    @Override
    public Optional<Job> find(String jobId) {
        if (jobId == null) {
            return Optional.empty();
        }
        try (Connection c = db.getConnection()) {
            return Optional.ofNullable(JobRows.find(c, jobId));
        } catch (SQLException e) {
            throw new StoreException("could not read job '" + jobId + "'", e);
        }
    }

    @Override
    public List<Job> findByUser(String userId, boolean activeOnly, int limit) {
        try (Connection c = db.getConnection()) {
            return JobRows.byUser(c, userId, activeOnly, limit);
        } catch (SQLException e) {
            throw new StoreException("could not read the jobs of a user", e);
        }
    }

    /** Deletes in batches, each its own transaction, so a large purge never holds many locks for long. */
    @Override
    public List<String> purgeFinishedBefore(Instant cutoff) {
        List<String> purged = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            List<String> batch;
            do {
                batch = JobRows.finishedBefore(c, cutoff, PURGE_BATCH);
                if (!batch.isEmpty()) {
                    JobRows.deleteFinished(c, batch);
                    purged.addAll(batch);
                }
            } while (batch.size() == PURGE_BATCH);
        } catch (SQLException e) {
            throw new StoreException("could not purge finished jobs", e);
        }
        return purged;
    }

    /** Unique-key violation: the SQL standard's state, used by both H2 and PostgreSQL. */
    static boolean isDuplicate(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /**
     * Worth another try: a concurrent first event created the row (duplicate key), the database chose
     * this transaction as a deadlock or serialization victim (40xxx), or the pooled connection had gone
     * stale (08xxx, e.g. after a database restart; the pool then hands out a fresh one).
     */
    private static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return isDuplicate(e) || state != null && (state.startsWith("40") || state.startsWith("08"));
    }

    /** The connection may be broken already; the original failure is the one worth reporting. */
    private static void rollbackQuietly(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while opening the store", e);
        }
    }
}
