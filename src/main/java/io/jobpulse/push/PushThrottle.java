package io.jobpulse.push;

import io.jobpulse.job.Job;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Caps how often one job's changes are fanned out: at most one push per job per interval. A change
 * inside the interval waits as the job's pending state, replaced by any newer one (latest wins), and
 * goes out when the interval ends. A finished job is pushed at once, always: it is the state a client
 * must never miss, and nothing can come after it.
 */
final class PushThrottle {

    /** Per job: when its last push went out, and the newest change waiting for the next one. */
    private static final class Slot {
        long lastNanos;
        Job pending;

        Slot(long lastNanos) {
            this.lastNanos = lastNanos;
        }
    }

    private final long intervalNanos;
    private final Consumer<Job> publish;
    /** Runs a task after a delay in nanoseconds. */
    private final BiConsumer<Runnable, Long> later;
    private final LongSupplier clock;
    private final Runnable coalesced;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    /**
     * @param maxPerSecond pushes per job per second; 0 means no limit
     */
    PushThrottle(int maxPerSecond, Consumer<Job> publish, BiConsumer<Runnable, Long> later, LongSupplier clock,
                 Runnable coalesced) {
        this.intervalNanos = maxPerSecond <= 0 ? 0 : 1_000_000_000L / maxPerSecond;
        this.publish = publish;
        this.later = later;
        this.clock = clock;
        this.coalesced = coalesced;
    }

    void offer(Job job) {
        if (intervalNanos == 0) {
            publish.accept(job);
            return;
        }
        if (job.finished()) {
            slots.remove(job.jobId());
            publish.accept(job);
            return;
        }
        boolean[] now = {false};
        long[] delay = {-1};
        slots.compute(job.jobId(), (id, slot) -> {
            long t = clock.getAsLong();
            if (slot == null) {
                now[0] = true;
                return new Slot(t);
            }
            if (slot.pending == null && t - slot.lastNanos >= intervalNanos) {
                slot.lastNanos = t;
                now[0] = true;
            } else if (slot.pending == null) {
                slot.pending = job;
                delay[0] = slot.lastNanos + intervalNanos - t;
            } else if (job.version() > slot.pending.version()) {
                slot.pending = job;
                coalesced.run();
            }
            return slot;
        });
        if (now[0]) {
            publish.accept(job);
        } else if (delay[0] >= 0) {
            later.accept(() -> flush(job.jobId()), delay[0]);
        }
    }

    /** Pushes the job's pending state, if it still has one. */
    private void flush(String jobId) {
        Job[] out = {null};
        slots.computeIfPresent(jobId, (id, slot) -> {
            out[0] = slot.pending;
            slot.pending = null;
            slot.lastNanos = clock.getAsLong();
            return slot;
        });
        if (out[0] != null) {
            publish.accept(out[0]);
        }
    }

    /** Drops a purged job's slot. */
    void forget(String jobId) {
        slots.remove(jobId);
    }

    /** Jobs with a throttle slot (at most the unfinished jobs that changed since they started). */
    int size() {
        return slots.size();
    }
}
