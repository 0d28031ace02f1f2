package io.jobpulse.ingest.batch;

import io.jobpulse.job.Ids;

import java.util.Properties;

/**
 * Which jobpulse job a batch execution reports to, from its job parameters:
 * {@code jobpulse.jobId} (default {@code batch-<job name>-<instance id>}), {@code jobpulse.userId}
 * (default {@code batch}), {@code jobpulse.type} (default the job name) and {@code jobpulse.total}
 * (items to process, when no reader reports an {@link ItemTotal}), {@code jobpulse.staleAfterSeconds}
 * (the job's stall deadline: longer than the slowest chunk; absent = the server default).
 *
 * <p>The default id comes from the job <em>instance</em>, not the execution: a restart is a new
 * execution of the same instance and must report to the same job. After {@code n} failed
 * executions a restart reports to {@code <jobId>:attempt-<n+1>}, because the failed job is final
 * (see README, "The job and its rules").
 */
record BatchIdentity(String jobId, String userId, String jobType, Long total, Integer staleAfterSeconds) {

    static final String JOB_ID = "jobpulse.jobId";
    static final String USER_ID = "jobpulse.userId";
    static final String TYPE = "jobpulse.type";
    static final String TOTAL = "jobpulse.total";
    static final String STALE_AFTER = "jobpulse.staleAfterSeconds";
    static final String DEFAULT_USER = "batch";

    BatchIdentity(String jobId, String userId, String jobType, Long total) {
        this(jobId, userId, jobType, total, null);
    }

    /** Longest job id to which an {@code :attempt-N} suffix can still be added. */
    private static final int BASE_ID_LENGTH = 110;

    static BatchIdentity of(Properties params, String jobName, long instanceId, int failedBefore) {
        String base = params.getProperty(JOB_ID);
        if (base == null || base.isBlank()) {
            base = "batch-" + safe(jobName) + "-" + instanceId;
        }
        String jobId = failedBefore == 0 ? base
                : truncate(base, BASE_ID_LENGTH) + ":attempt-" + (failedBefore + 1);
        String userId = params.getProperty(USER_ID, DEFAULT_USER);
        String type = params.getProperty(TYPE, Ids.isJobType(jobName) ? jobName : "batch");
        Long staleAfter = total(params.getProperty(STALE_AFTER));
        return new BatchIdentity(jobId, userId, type, total(params.getProperty(TOTAL)),
                staleAfter == null || staleAfter > Integer.MAX_VALUE ? null : staleAfter.intValue());
    }

    /** A job name as part of an id: characters an id may not hold become '-'. */
    private static String safe(String jobName) {
        String s = jobName == null ? "job" : jobName.replaceAll("[^A-Za-z0-9._:-]", "-");
        return truncate(s, 64);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static Long total(String value) {
        if (value == null) {
            return null;
        }
        try {
            long total = Long.parseLong(value.trim());
            return total > 0 ? total : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
