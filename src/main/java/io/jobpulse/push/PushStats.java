package io.jobpulse.push;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.time.Instant;

/** Counters of the push side, exported as MicroProfile metrics (names in docs/operations.md). */
public final class PushStats {

    private final Counter sent;
    private final Counter coalesced;
    private final Counter staleSkipped;
    private final Counter dropped;
    /** Null in unit tests: no metrics runtime there. */
    private final Timer latency;

    public PushStats(Counter sent, Counter coalesced, Counter staleSkipped, Counter dropped, Timer latency) {
        this.sent = sent;
        this.coalesced = coalesced;
        this.staleSkipped = staleSkipped;
        this.dropped = dropped;
        this.latency = latency;
    }

    public static PushStats register(MetricRegistry metrics) {
        return new PushStats(
                metrics.counter(described("jobpulse.push.sent", "Frames written to sockets (pushes, acks, errors)")),
                metrics.counter(described("jobpulse.push.coalesced",
                        "Progress states replaced by a newer one before they were sent (latest wins)")),
                metrics.counter(described("jobpulse.push.stale.skipped",
                        "Updates not sent because the connection already had a newer version")),
                metrics.counter(described("jobpulse.push.dropped",
                        "Frames discarded because their connection closed before they were written")),
                metrics.timer(Metadata.builder().withName("jobpulse.push.latency")
                        .withDescription("From a change being accepted to its frame being written to a socket")
                        .withUnit(MetricUnits.SECONDS).build()));
    }

    private static Metadata described(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    /** A frame was written; {@code update} is the live job change it carried, if any. */
    public void sent(JobUpdate update) {
        sent.inc();
        if (latency != null && update != null && update.live()) {
            latency.update(Duration.between(update.job().updatedAt(), Instant.now()));
        }
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
