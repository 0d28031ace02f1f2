package io.jobpulse.push;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobStatus;

/** Which of the three pushed events a job state is sent as. */
public enum EventName {
    PROGRESS("job:progress", "job.progress"),
    COMPLETED("job:completed", "job.completed"),
    FAILED("job:failed", "job.failed");

    private final String socketIo;
    private final String plain;

    EventName(String socketIo, String plain) {
        this.socketIo = socketIo;
        this.plain = plain;
    }

    /** A finished job is sent as its terminal event (cancelled counts as failed, with its reason). */
    public static EventName of(Job job) {
        if (job.status() == JobStatus.COMPLETED) {
            return COMPLETED;
        }
        return job.finished() ? FAILED : PROGRESS;
    }

    public String socketIo() {
        return socketIo;
    }

    public String plain() {
        return plain;
    }
}
