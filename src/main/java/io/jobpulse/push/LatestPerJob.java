package io.jobpulse.push;

import io.jobpulse.job.Job;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job updates waiting for one connection, coalesced: per job the highest version accepted and
 * at most one waiting update, which a newer one replaces in its queue position (latest wins). So
 * versions never go backwards and memory is bounded by the jobs the connection listens to: the
 * outbox forgets the jobs it no longer follows ({@link #forgetIf}), and a version a client claims
 * is remembered only for a job it is handed or subscribed to by id, never for any id it names.
 *
 * <p>Not thread-safe: its {@link Outbox} calls it only while holding its own lock.
 */
final class LatestPerJob {

    /** What {@link #offer} did with an update. */
    enum Offered { QUEUED, REPLACED, STALE }

    /**
     * What the connection knows of one job: the highest version accepted, and the update waiting to
     * be written, if any. Mutated in place, so a push allocates nothing here.
     */
    private static final class Slot {
        final String jobId;
        /** The owner, to tell whether a userId subscription still covers the job; null if not known yet. */
        String userId;
        long accepted;
        JobUpdate pending;

        Slot(String jobId) {
            this.jobId = jobId;
        }
    }

    /** Tells which jobs to forget by id and owner (the owner null if never seen). */
    @FunctionalInterface
    interface JobMatcher {
        boolean matches(String jobId, String userId);
    }

    /** jobId → its slot, from the first update (or resume) until the job is forgotten. */
    private final Map<String, Slot> jobs = new HashMap<>();
    /**
     * Slots with a waiting update, in the order the update arrived; a newer one replaces it in its
     * slot and so keeps the place. A slot forgotten while queued has no update and is skipped.
     */
    private final ArrayDeque<Slot> queue = new ArrayDeque<>();
    private int waiting;

    /**
     * Accepts an update unless the connection already has a newer version of the job, or the same
     * one and this is a live change (a subscribe snapshot may repeat the version the client has: it
     * asked for the current state again, e.g. after unsubscribing).
     */
    Offered offer(JobUpdate update) {
        String jobId = update.job().jobId();
        long version = update.job().version();
        Slot slot = jobs.get(jobId);
        if (slot != null && (version < slot.accepted || (version == slot.accepted && update.live()))) {
            return Offered.STALE;
        }
        if (slot == null) {
            slot = new Slot(jobId);
            jobs.put(jobId, slot);
        }
        slot.userId = update.job().userId();
        slot.accepted = version;
        Offered offered = slot.pending != null ? Offered.REPLACED : Offered.QUEUED;
        if (offered == Offered.QUEUED) {
            queue.add(slot);
            waiting++;
        }
        slot.pending = update;
        return offered;
    }

    /**
     * Records that the client holds {@code version} of a job (owned by {@code userId}, null if
     * unknown), so nothing older or equal is accepted; an update already waiting that is not newer
     * is dropped (it raced with the subscribe that told us).
     */
    void alreadyHas(String jobId, String userId, long version) {
        Slot slot = jobs.computeIfAbsent(jobId, Slot::new);
        if (userId != null) {
            slot.userId = userId;
        }
        slot.accepted = Math.max(slot.accepted, version);
        if (slot.pending != null && slot.pending.job().version() <= version) {
            slot.pending = null; // still queued: skipped when its turn comes
            waiting--;
        }
    }

    /** Forgets a job: its waiting update and the versions it had. */
    void forget(String jobId) {
        Slot slot = jobs.remove(jobId);
        if (slot != null && slot.pending != null) {
            slot.pending = null; // still queued: skipped when its turn comes
            waiting--;
        }
    }

    /** Forgets every job (waiting or not) that {@code drop} matches, versions included. */
    void forgetIf(JobMatcher drop) {
        for (Slot slot : List.copyOf(jobs.values())) {
            if (drop.matches(slot.jobId, slot.userId)) {
                forget(slot.jobId);
            }
        }
    }

    /** How many jobs this connection remembers a version of. */
    int remembered() {
        return jobs.size();
    }

    /** The oldest waiting update (its job's latest state), or null. */
    JobUpdate poll() {
        Slot slot = queue.poll();
        while (slot != null && slot.pending == null) {
            slot = queue.poll(); // forgotten while queued
        }
        if (slot == null) {
            return null;
        }
        JobUpdate update = slot.pending;
        slot.pending = null;
        waiting--;
        return update;
    }

    /** Drops every waiting update (versions are kept); returns how many there were. */
    int clear() {
        int dropped = waiting;
        for (Slot slot : queue) {
            slot.pending = null;
        }
        queue.clear();
        waiting = 0;
        return dropped;
    }

    int waiting() {
        return waiting;
    }
}
