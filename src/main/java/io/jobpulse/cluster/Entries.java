package io.jobpulse.cluster;

import io.jobpulse.job.Job;
import jakarta.json.bind.Jsonb;

import java.util.Map;

/**
 * The fields of one stream entry. Either a change ({@code node}, {@code job}: the full job state as
 * JSON, so a receiver needs no database read) or a resync request ({@code node}, {@code resync}):
 * the node could not publish some changes, so every other node re-reads what its clients follow.
 */
final class Entries {

    static final String NODE = "node";
    static final String JOB = "job";
    static final String RESYNC = "resync";

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

    /** The job of a change entry, or null for anything else (an entry of a newer jobpulse, say). */
    static Job job(Map<String, String> fields, Jsonb jsonb) {
        String json = fields.get(JOB);
        return json == null ? null : jsonb.fromJson(json, Job.class);
    }
}
