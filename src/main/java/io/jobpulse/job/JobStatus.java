package io.jobpulse.job;

import jakarta.json.bind.adapter.JsonbAdapter;

import java.util.Locale;

/** Where a job is in its lifecycle: {@code queued → running → completed | failed | cancelled}. */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The lower-case name used on every wire (see README, "The job and its rules"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Registered on the shared {@code Jsonb} so the status is always written in lower case. */
    public static final class JsonAdapter implements JsonbAdapter<JobStatus, String> {
        @Override
        public String adaptToJson(JobStatus status) {
            return status.wireName();
        }

        @Override
        public JobStatus adaptFromJson(String name) {
            return fromWire(name);
        }
    }
}
