package io.jobpulse.job;

/** What became of one {@link JobEvent}. */
public sealed interface Outcome {

    /** The event changed the job; {@code job} is the new state with its new version. */
    record Applied(Job job) implements Outcome {
    }

    /**
     * The event broke a rule (bad id, progress out of range or backwards, unknown job without an
     * owner ...). {@code code} is stable and machine-readable, {@code reason} says what to fix.
     */
    record Rejected(String code, String reason) implements Outcome {
    }

    /**
     * The event was harmless but changed nothing: a late event for a finished job, a repeated
     * start. Counted, not an error for the producer (see README, "The job and its rules").
     */
    record Ignored(String reason) implements Outcome {
    }
}
