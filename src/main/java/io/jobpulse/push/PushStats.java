package io.jobpulse.push;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Counters of the push side, exported as MicroProfile metrics. */
public final class PushStats {

    private final Counter sent;
    private final Counter coalesced;
    private final Counter staleSkipped;
    private final Counter dropped;

    public PushStats(Counter sent, Counter coalesced, Counter staleSkipped, Counter dropped) {
        this.sent = sent;
        this.coalesced = coalesced;
        this.staleSkipped = staleSkipped;
        this.dropped = dropped;
    }

    public static PushStats register(MetricRegistry metrics) {
        return new PushStats(metrics.counter("jobpulse.push.sent"),
                metrics.counter("jobpulse.push.coalesced"),
                metrics.counter("jobpulse.push.stale.skipped"),
                metrics.counter("jobpulse.push.dropped"));
    }

    /** A frame was written to a socket. */
    public void sent() {
        sent.inc();
    }

    /** A queued progress update was replaced by a newer one for the same job. */
    public void coalesced() {
        coalesced.inc();
    }

    /** An update arrived that was not newer than what the connection already had. */
    public void staleSkipped() {
        staleSkipped.inc();
    }

    /** Frames discarded because their connection was closed before they could be written. */
    public void dropped(long frames) {
        dropped.inc(frames);
    }

    public long sentCount() {
        return sent.getCount();
    }

    public long coalescedCount() {
        return coalesced.getCount();
    }

    public long staleSkippedCount() {
        return staleSkipped.getCount();
    }

    public long droppedCount() {
        return dropped.getCount();
    }
}
