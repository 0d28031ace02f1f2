package io.jobpulse.job;

import jakarta.enterprise.event.Event;
import jakarta.json.JsonValue;

/**
 * One job as application code drives it, from {@link Jobs#start}. Each call fires a
 * {@link JobEvent}; rules the call breaks (progress going down, a change after the end) are
 * logged and counted, never thrown, so reporting progress cannot break the job itself.
 */
public final class JobHandle {

    private final String jobId;
    private final Event<JobEvent> events;

    JobHandle(String jobId, Event<JobEvent> events) {
        this.jobId = jobId;
        this.events = events;
    }

    public String jobId() {
        return jobId;
    }

    public JobHandle running() {
        events.fire(JobEvent.started(jobId));
        return this;
    }

    public JobHandle progress(int percent) {
        return progress(percent, null);
    }

    public JobHandle progress(int percent, String message) {
        events.fire(JobEvent.progress(jobId, percent, message));
        return this;
    }

    public void complete(JsonValue result) {
        events.fire(JobEvent.completed(jobId, result));
    }

    public void complete(JsonValue result, String message) {
        events.fire(JobEvent.completed(jobId, result, message));
    }

    public void fail(String error) {
        events.fire(JobEvent.failed(jobId, error));
    }

    public void cancel(String reason) {
        events.fire(JobEvent.cancelled(jobId, reason));
    }
}
