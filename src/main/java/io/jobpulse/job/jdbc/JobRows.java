package io.jobpulse.job.jdbc;

import io.jobpulse.job.Ids;
import io.jobpulse.job.Job;
import io.jobpulse.job.JobStatus;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code jobpulse_job} table: the SQL and the mapping between a row and a {@link Job}.
 *
 * <p>Two columns exist only to be indexed, derived from the job when it is written and never read
 * back: {@code finished_at} (when the job ended, null while it runs) and {@code stale_minute} (the
 * epoch minute of {@code stale_at}). A progress event changes {@code updated_at} and {@code stale_at}
 * but neither of these (the minute at most once a minute), so it changes no indexed column and
 * PostgreSQL updates the row in place, without new index entries (a HOT update; see Schema,
 * migration 3); H2 likewise only rewrites the row.
 */
final class JobRows {

    private static final String COLUMNS = "job_id, user_id, job_type, status, progress, message, result, error, "
            + "version, created_at, updated_at, cancel_requested, reason, stale_after_seconds, stale_at, node";
    private static final String ACTIVE = "status IN ('queued', 'running')";
    private static final String FINISHED = "status IN ('completed', 'failed', 'cancelled')";
    private static final long SECONDS_PER_BUCKET = 60;

    private JobRows() {
    }

    /**
     * The rows of these jobs, locked until the transaction ends; ids without a row are absent. Rows
     * are locked in job id order, so two nodes locking overlapping sets cannot deadlock. Ids that are
     * not valid job ids are skipped (the lifecycle rejects their events).
     */
    static Map<String, Job> lockAll(Connection c, Collection<String> jobIds) throws SQLException {
        List<String> ids = jobIds.stream().filter(Ids::isJobId).toList();
        Map<String, Job> jobs = new HashMap<>();
        if (ids.isEmpty()) {
            return jobs;
        }
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM jobpulse_job WHERE job_id IN ("
                + marks + ") ORDER BY job_id FOR UPDATE")) {
            for (int i = 0; i < ids.size(); i++) {
                p.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Job job = job(rs);
                    jobs.put(job.jobId(), job);
                }
            }
        }
        return jobs;
    }

    static Job find(Connection c, String jobId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM jobpulse_job WHERE job_id = ?", jobId);
    }

    static List<Job> byUser(Connection c, String userId, boolean activeOnly, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM jobpulse_job WHERE user_id = ?"
                + (activeOnly ? " AND " + ACTIVE : "")
                + " ORDER BY created_at DESC, job_id DESC FETCH FIRST ? ROWS ONLY";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, userId);
            p.setInt(2, limit);
            try (ResultSet rs = p.executeQuery()) {
                List<Job> jobs = new ArrayList<>();
                while (rs.next()) {
                    jobs.add(job(rs));
                }
                return jobs;
            }
        }
    }

    static void insertAll(Connection c, List<Job> jobs) throws SQLException {
        if (jobs.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO jobpulse_job (" + COLUMNS
                + ", finished_at, stale_minute) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Job job : jobs) {
                p.setString(1, job.jobId());
                p.setString(2, job.userId());
                p.setString(3, job.type());
                setState(p, 4, job);
                p.setObject(10, timestamp(job.createdAt()));
                p.setObject(11, timestamp(job.updatedAt()));
                setDeadline(p, 12, job);
                setIndexed(p, 17, job);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Writes the new states of jobs whose rows the caller holds locked. */
    static void updateAll(Connection c, List<Job> jobs) throws SQLException {
        if (jobs.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE jobpulse_job SET status = ?, progress = ?, "
                + "message = ?, result = ?, error = ?, version = ?, updated_at = ?, cancel_requested = ?, reason = ?, "
                + "stale_after_seconds = ?, stale_at = ?, node = ?, finished_at = ?, stale_minute = ? WHERE job_id = ?")) {
            for (Job job : jobs) {
                setState(p, 1, job);
                p.setObject(7, timestamp(job.updatedAt()));
                setDeadline(p, 8, job);
                setIndexed(p, 13, job);
                p.setString(15, job.jobId());
                p.addBatch();
            }
            for (int count : p.executeBatch()) {
                if (count == 0) {
                    throw new SQLException("a job vanished while its row was locked");
                }
            }
        }
    }

    /**
     * Ids of finished jobs that ended before {@code cutoff}, at most {@code limit}. A finished job
     * never changes again, so its end is its last change.
     */
    static List<String> finishedBefore(Connection c, Instant cutoff, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT job_id FROM jobpulse_job WHERE finished_at < ? AND "
                + FINISHED + " FETCH FIRST ? ROWS ONLY")) {
            p.setObject(1, timestamp(cutoff));
            p.setInt(2, limit);
            return ids(p);
        }
    }

    /**
     * Ids of unfinished jobs whose deadline is not after {@code now}, at most {@code limit}. The index
     * on the deadline's minute narrows the rows to those due by the end of now's minute; the exact
     * deadline then decides. A deadline at or before {@code now} never lies in a later minute, so no
     * due job is missed.
     */
    static List<String> dueBy(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT job_id FROM jobpulse_job WHERE stale_minute <= ? "
                + "AND stale_at <= ? AND " + ACTIVE + " FETCH FIRST ? ROWS ONLY")) {
            p.setLong(1, bucket(now));
            p.setObject(2, timestamp(now));
            p.setInt(3, limit);
            return ids(p);
        }
    }

    /** Ids of unfinished jobs whose producer runs in {@code node}. */
    static List<String> activeIn(Connection c, String node) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT job_id FROM jobpulse_job WHERE node = ? AND " + ACTIVE)) {
            p.setString(1, node);
            return ids(p);
        }
    }

    private static List<String> ids(PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }

    /** Deletes the given jobs if they are still finished (a finished job never changes again). */
    static void deleteFinished(Connection c, List<String> ids) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM jobpulse_job WHERE job_id = ? AND " + FINISHED)) {
            for (String id : ids) {
                p.setString(1, id);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** status, progress, message, result, error, version from {@code first} on. */
    private static void setState(PreparedStatement p, int first, Job job) throws SQLException {
        p.setString(first, job.status().wireName());
        p.setInt(first + 1, job.progress());
        p.setString(first + 2, job.message());
        if (job.result() == null) {
            p.setNull(first + 3, Types.VARCHAR);
        } else {
            p.setString(first + 3, job.result().toString());
        }
        p.setString(first + 4, job.error());
        p.setLong(first + 5, job.version());
    }

    /** cancel_requested, reason, stale_after_seconds, stale_at, node from {@code first} on. */
    private static void setDeadline(PreparedStatement p, int first, Job job) throws SQLException {
        p.setBoolean(first, job.cancelRequested());
        p.setString(first + 1, job.reason());
        if (job.staleAfterSeconds() == null) {
            p.setNull(first + 2, Types.INTEGER);
        } else {
            p.setInt(first + 2, job.staleAfterSeconds());
        }
        if (job.staleAt() == null) {
            p.setNull(first + 3, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            p.setObject(first + 3, timestamp(job.staleAt()));
        }
        p.setString(first + 4, job.node());
    }

    /** finished_at, stale_minute from {@code first} on: the indexed columns derived from the job. */
    private static void setIndexed(PreparedStatement p, int first, Job job) throws SQLException {
        if (job.finished()) {
            p.setObject(first, timestamp(job.updatedAt()));
        } else {
            p.setNull(first, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        if (job.staleAt() == null) {
            p.setNull(first + 1, Types.BIGINT);
        } else {
            p.setLong(first + 1, bucket(job.staleAt()));
        }
    }

    /** The epoch minute of {@code t}, as migration 3 computed it for existing rows. */
    private static long bucket(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), SECONDS_PER_BUCKET);
    }

    private static Job one(Connection c, String sql, String jobId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, jobId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? job(rs) : null;
            }
        }
    }

    private static Job job(ResultSet rs) throws SQLException {
        return new Job(rs.getString(1), rs.getString(2), rs.getString(3),
                JobStatus.fromWire(rs.getString(4)), rs.getInt(5), rs.getString(6), json(rs.getString(7)),
                rs.getString(8), rs.getLong(9), instant(rs, 10), instant(rs, 11), rs.getBoolean(12),
                rs.getString(13), rs.getObject(14, Integer.class), nullableInstant(rs, 15), rs.getString(16));
    }

    private static JsonValue json(String text) {
        if (text == null) {
            return null;
        }
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readValue();
        }
    }

    /**
     * The same value as {@code instant.atOffset(UTC)}, which on JDK 17 builds a new ZoneRules for
     * every call (about 1 % of what an ingested event allocated, docs/benchmarks.md).
     */
    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(),
                ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Instant nullableInstant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
