package io.jobpulse.push;

import io.jobpulse.job.Job;

/**
 * One job state on its way to subscribers. The payload is serialised once and each wire format's
 * frame built once, on first use, however many connections receive it.
 */
public final class JobUpdate {

    private final Job job;
    private final boolean live;
    private final String[] frames = new String[WireFormat.values().length];
    private volatile String payload;

    /** A change as it happens. */
    public JobUpdate(Job job) {
        this(job, true);
    }

    /** @param live false for a subscribe snapshot, whose age says nothing about delivery speed */
    public JobUpdate(Job job, boolean live) {
        this.job = job;
        this.live = live;
    }

    public Job job() {
        return job;
    }

    /** Whether this is a change as it happens (counted in the delivery latency) rather than a snapshot. */
    public boolean live() {
        return live;
    }

    /**
     * The frame for {@code format}. Racing callers may both build it; they build equal strings, and
     * the array slot is only a cache, so the race is harmless.
     */
    public String frame(WireFormat format) {
        String frame = frames[format.ordinal()];
        if (frame == null) {
            frame = format.frame(EventName.of(job), payload());
            frames[format.ordinal()] = frame;
        }
        return frame;
    }

    private String payload() {
        String p = payload;
        if (p == null) {
            p = JobPayload.of(job).json();
            payload = p;
        }
        return p;
    }
}
