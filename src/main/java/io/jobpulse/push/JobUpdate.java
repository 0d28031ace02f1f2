package io.jobpulse.push;

import io.jobpulse.job.Job;
import jakarta.json.bind.Jsonb;

/**
 * One job state on its way to subscribers. The payload is serialised once and each wire format's
 * frame built once, on first use, however many connections receive it.
 */
public final class JobUpdate {

    private final Job job;
    private final Jsonb jsonb;
    private final String[] frames = new String[WireFormat.values().length];
    private volatile String payload;

    public JobUpdate(Job job, Jsonb jsonb) {
        this.job = job;
        this.jsonb = jsonb;
    }

    public Job job() {
        return job;
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
            p = jsonb.toJson(JobPayload.of(job));
            payload = p;
        }
        return p;
    }
}
