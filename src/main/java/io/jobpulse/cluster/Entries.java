package io.jobpulse.cluster;

import io.jobpulse.job.Ids;
import io.jobpulse.job.Job;
import io.jobpulse.job.Lifecycle;
import jakarta.json.bind.Jsonb;

import java.util.Map;

/**
 * The fields of one stream entry. Either a change ({@code node}, {@code job}: the full job state as
 * JSON, so a receiver needs no database read) or a resync request ({@code node}, {@code resync}):
 * the node could not publish some changes, so every other node re-reads what its clients follow.
 * Whoever can write to Redis can add entries, so what is read is checked like any other input
 * ({@link #validNode}, {@link #job}); what fails the checks is dropped and counted.
 */
final class Entries {

    static final String NODE = "node";
    static final String JOB = "job";
    static final String RESYNC = "resync";
    /** Node ids are UUIDs; a little room for other forms, none for megabytes. */
    private static final int MAX_NODE_LENGTH = 64;
    /** A job's JSON: its texts are bounded by the lifecycle, its result by the ingest body limit. */
    static final int MAX_JOB_JSON_CHARS = 2 * 1024 * 1024;

    private Entries() {
    }

    static Map<String, String> change(String node, Job job, Jsonb jsonb) {
        return Map.of(NODE, node, JOB, jsonb.toJson(job));
    }

    static Map<String, String> resync(String node) {
        return Map.of(NODE, node, RESYNC, "1");
    }

    static boolean fromNode(Map<String, String> fields, String node) {
        return node.equals(fields.get(NODE));
    }

    static boolean isResync(Map<String, String> fields) {
        return fields.containsKey(RESYNC);
    }

    /** Whether the entry names the node that wrote it in the form nodes use. */
    static boolean validNode(Map<String, String> fields) {
        String node = fields.get(NODE);
        return node != null && !node.isEmpty() && node.length() <= MAX_NODE_LENGTH
                && node.chars().allMatch(c -> c == '-' || Character.isLetterOrDigit(c) && c < 128);
    }

    /**
     * The job of a change entry; null for anything else (an entry of a newer jobpulse, say) and for
     * a job no node could have written: oversized, unreadable, or with fields the lifecycle never
     * lets through (bad ids, progress out of range, no status or version).
     */
    static Job job(Map<String, String> fields, Jsonb jsonb) {
        String json = fields.get(JOB);
        if (json == null || json.length() > MAX_JOB_JSON_CHARS) {
            return null;
        }
        Job job;
        try {
            job = jsonb.fromJson(json, Job.class);
        } catch (RuntimeException e) {
            return null;
        }
        return job != null && plausible(job) ? job : null;
    }

    private static boolean plausible(Job job) {
        return Ids.isJobId(job.jobId()) && Ids.isUserId(job.userId())
                && (job.type() == null || Ids.isJobType(job.type()))
                && job.status() != null && job.progress() >= 0 && job.progress() <= 100 && job.version() >= 1
                && (job.message() == null || job.message().length() <= Lifecycle.MAX_MESSAGE_LENGTH)
                && (job.error() == null || job.error().length() <= Lifecycle.MAX_ERROR_LENGTH)
                && job.createdAt() != null && job.updatedAt() != null;
    }
}
