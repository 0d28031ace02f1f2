package io.jobpulse.push;

import jakarta.websocket.SendHandler;

import java.io.IOException;

/**
 * Everything waiting to be written to one connection: replies in a bounded {@link ReplyQueue}, job
 * updates coalesced per job in {@link LatestPerJob}; its one writer is its {@link WriteLoop}.
 * Producers only enqueue: an outbox that gets something to write is handed to the {@link Writers}
 * (the {@link SenderThreads}), which start its writes; each completed send starts the next one,
 * until nothing is left.
 *
 * <p>Invariants:
 * <ul>
 *   <li>One writer: an outbox is handed over once, when it gets work, and is with the writers (queued
 *       there, or with a send in flight) until it has nothing left; at most one send is in flight
 *       (Jakarta WebSocket forbids overlapping writes; {@link WriteLoop}). Producers never wait for
 *       the socket.</li>
 *   <li>Per job, versions never go backwards: a live update not newer than the last one accepted
 *       for that job is skipped; only a subscribe snapshot may repeat the current version.</li>
 *   <li>At most one update per job waits: a newer one replaces it in its queue position (latest
 *       wins). A terminal state is the last version a job can have, so it is never replaced.
 *       Memory is thus bounded by the number of jobs the connection listens to.</li>
 *   <li>Replies (acks, errors, pings) go before job updates; their queue ({@link ReplyQueue}) is
 *       bounded in frames and in bytes ({@link ReplyLimit}) and overflowing it closes the connection. One reply is
 *       accepted whatever its size when no other waits, so a large ack alone is never refused.</li>
 * </ul>
 */
public final class Outbox {

    /** Writes to the socket: text frames asynchronously, protocol pings (if the protocol uses them). */
    @FunctionalInterface
    public interface Sender {
        void send(String text, SendHandler done);

        /** Sends a WebSocket ping control frame; only called by the writer, never concurrently with a send. */
        default void ping() throws IOException {
        }
    }

    /** Whoever starts the writes: takes an outbox that has work and calls {@link #write}. */
    @FunctionalInterface
    public interface Writers {
        /** Called once per hand-over, outside the outbox's lock. */
        void schedule(Outbox outbox);

        /** Writes at once on the scheduling thread (unit tests and microbenchmarks). */
        Writers INLINE = Outbox::write;
    }

    /** What the owning connection learns from its outbox. */
    public interface Owner {
        /**
         * Whether the connection still listens to the job ({@code userId} its owner, null if not
         * known); a live update of a job it does not is dropped.
         */
        boolean follows(String jobId, String userId);

        void sendFailed(Throwable error);

        void repliesOverflowed();
    }

    private final Owner owner;
    private final Writers writers;
    private final PushStats stats;
    private final WriteLoop writer;

    /** Guarded by this outbox's lock, as are the fields below. */
    private final ReplyQueue replies;
    private final LatestPerJob updates = new LatestPerJob();
    private boolean closed;
    private int highWaterMark;
    /** Runs after the last frame of {@link #finish} is written. */
    private Runnable finisher;
    /** While above zero, queued job updates wait (replies still go): see {@link #holdUpdates}. */
    private int holds;

    public Outbox(Sender sender, Owner owner, Writers writers, WireFormat format, ReplyLimit replyLimit,
                  PushStats stats) {
        this.owner = owner;
        this.writers = writers;
        this.stats = stats;
        this.replies = new ReplyQueue(replyLimit);
        this.writer = new WriteLoop(this, sender, owner, format, stats);
    }

    /**
     * Queues a job state; returns false if it was not newer than what this connection already has
     * (for a snapshot: older).
     */
    public boolean offer(JobUpdate update) {
        synchronized (this) {
            // Checked under this lock, which forgetUnfollowed also holds: a change racing with an
            // unsubscribe is either dropped here or removed there, never written after the ack.
            if (closed || (update.live() && !owner.follows(update.job().jobId(), update.job().userId()))) {
                return false;
            }
            switch (updates.offer(update)) {
                case STALE -> {
                    stats.staleSkipped();
                    return false;
                }
                case REPLACED -> stats.coalesced(); // in place: the job keeps its queue position
                case QUEUED -> { }
            }
            highWaterMark = Math.max(highWaterMark, depth());
            if (holds > 0 || !writer.claim()) {
                return true; // held updates are handed over by releaseUpdates
            }
        }
        writers.schedule(this);
        return true;
    }

    /** Queues a reply frame (ack, error), sent before any pending job update. */
    public void reply(String frame) {
        reply(new ReplyQueue.Item(frame));
    }

    /** Queues a protocol-level ping ahead of job updates (see {@link Sender#ping}). */
    public void ping() {
        reply(ReplyQueue.Item.PING);
    }

    /** Queues a reply; one the {@link ReplyQueue} refuses closes the outbox and tells the owner. */
    private void reply(ReplyQueue.Item reply) {
        boolean overflow = false;
        boolean start = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (replies.add(reply)) {
                highWaterMark = Math.max(highWaterMark, depth());
                start = writer.claim();
            } else {
                closed = true;
                overflow = true;
            }
        }
        if (overflow) {
            owner.repliesOverflowed();
        } else if (start) {
            writers.schedule(this);
        }
    }

    /**
     * Keeps job updates queued (they still coalesce) until {@link #releaseUpdates}: a subscribe
     * holds them while it registers, reads the snapshot and queues its ack, so the ack is always
     * the client's first frame about that subscription.
     */
    public synchronized void holdUpdates() {
        holds++;
    }

    public void releaseUpdates() {
        boolean start;
        synchronized (this) {
            holds--;
            start = holds == 0 && updates.waiting() > 0 && !closed && writer.claim();
        }
        if (start) {
            writers.schedule(this);
        }
    }

    /**
     * Records that the client already holds {@code version} of a job (it said so when resuming), so
     * nothing older or equal is ever sent to it. Only for a job the connection is handed or follows
     * by id: every entry costs memory until the job is purged or no longer followed.
     */
    public synchronized void alreadyHas(String jobId, String userId, long version) {
        updates.alreadyHas(jobId, userId, version);
    }

    /** How many jobs this outbox remembers a version of (bounded by what the connection follows). */
    public synchronized int remembered() {
        return updates.remembered();
    }

    /** Forgets a purged job so its bookkeeping does not outlive it. */
    public synchronized void forget(String jobId) {
        updates.forget(jobId);
    }

    /**
     * After an unsubscribe: forgets every job the owner no longer follows, so none of its waiting
     * updates is written after the unsubscribe's ack (queued next, as a reply), and its remembered
     * version does not outlive the subscription that brought it.
     */
    public synchronized void forgetUnfollowed() {
        updates.forgetIf((jobId, userId) -> !owner.follows(jobId, userId));
    }

    /**
     * Discards what is queued, writes {@code last} once any write in flight has completed, then runs
     * {@code then} (which closes the socket). Nothing else is accepted meanwhile.
     */
    public void finish(String last, Runnable then) {
        boolean alreadyClosed;
        boolean start = false;
        synchronized (this) {
            alreadyClosed = closed;
            if (!closed) {
                discard();
                replies.add(new ReplyQueue.Item(last)); // the only reply now: accepted whatever its size
                finisher = then;
                closed = true;
                start = writer.claim(); // false: the write in flight will reach the farewell
            }
        }
        if (alreadyClosed) {
            then.run();
        } else if (start) {
            writers.schedule(this);
        }
    }

    /** Stops all further writes; pending frames are discarded (the connection is going away). */
    public synchronized void close() {
        closed = true;
        discard();
    }

    private void discard() {
        int discarded = replies.clear() + updates.clear();
        if (discarded > 0) {
            stats.dropped(discarded);
        }
    }

    /** Frames waiting, not counting one in flight. */
    public synchronized int depth() {
        return replies.size() + updates.waiting();
    }

    /** The most frames that ever waited at once: stays at most subscribed jobs + queued replies. */
    public synchronized int highWaterMark() {
        return highWaterMark;
    }

    /** Nanos since the frame in flight was handed to the socket, or 0 if none is in flight. */
    public long writingForNanos() {
        return writer.writingForNanos();
    }

    /** Writes what is queued: only the writers call it, for an outbox handed to them (see {@link WriteLoop}). */
    void write() {
        writer.write();
    }

    // For the writer, under this outbox's lock.

    /** The next reply to write, or null: none waits, or the outbox closed with no farewell to write. */
    ReplyQueue.Item nextReply() {
        return stopped() ? null : replies.poll();
    }

    /** The next job update to write, or null: none waits, updates are held, or the outbox closed. */
    JobUpdate nextUpdate() {
        return stopped() || holds > 0 ? null : updates.poll();
    }

    /** Closed, and no farewell ({@link #finish}) left to write. */
    private boolean stopped() {
        return closed && finisher == null;
    }

    /** What runs once the last frame is written (e.g. the close after a farewell); null if nothing, taken once. */
    Runnable takeFinisher() {
        Runnable then = finisher;
        finisher = null;
        return then;
    }

    /** A send failed: nothing more is accepted or written; the owner is told next. */
    void writeFailed() {
        closed = true;
    }
}
