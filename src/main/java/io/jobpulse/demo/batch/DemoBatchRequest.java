package io.jobpulse.demo.batch;

/**
 * Body of {@code POST /api/demo/batch}; every field optional. {@code records} is how many records the
 * chunk step processes, {@code itemMillis} how long each takes, and {@code fail} makes the job fail at
 * 60 % of its records. {@code jobId} is refused: the server names the job.
 */
public record DemoBatchRequest(String userId, String jobId, Integer records, Integer itemMillis, Boolean fail) {

    public static final int DEFAULT_RECORDS = 200;
    public static final int DEFAULT_ITEM_MILLIS = 20;
    public static final int MAX_RECORDS = 10_000;
    public static final int MAX_ITEM_MILLIS = 1_000;

    /** This request with defaults filled in. */
    public DemoBatchRequest withDefaults() {
        return new DemoBatchRequest(userId == null ? "demo" : userId, jobId,
                records == null ? DEFAULT_RECORDS : records,
                itemMillis == null ? DEFAULT_ITEM_MILLIS : itemMillis,
                fail != null && fail);
    }

    /** The record the processor fails on: 60 % of the way, as the demo jobs do; 0 for none. */
    int failAt() {
        return fail ? Math.max(1, records * 6 / 10) : 0;
    }
}
