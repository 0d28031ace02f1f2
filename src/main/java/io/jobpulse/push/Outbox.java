package io.jobpulse.push;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Everything waiting to be written to one connection: replies in a bounded queue, job updates
 * coalesced per job in {@link LatestPerJob}. Producers only enqueue; the frames are written by the
 * {@link Writers} the outbox is handed to, one thread at a time.
 *
 * <p>Invariants:
 * <ul>
 *   <li>One writer: an outbox is handed to the writers once when it gets something to write, and
 *       stays with them (queued, or being written by one thread) until it has nothing left, so no
 *       two writes to a connection ever overlap (Jakarta WebSocket forbids it). Producers never wait
 *       for the socket.</li>
 *   <li>Per job, versions never go backwards: a live update not newer than the last one accepted
 *       for that job is skipped; only a subscribe snapshot may repeat the current version.</li>
 *   <li>At most one update per job waits: a newer one replaces it in its queue position (latest
 *       wins). A terminal state is the last version a job can have, so it is never replaced.
 *       Memory is thus bounded by the number of jobs the connection listens to.</li>
 *   <li>Replies (acks, errors, pings) go before job updates; their queue is bounded in frames and
 *       in bytes ({@link ReplyLimit}) and overflowing it closes the connection. One reply is
 *       accepted whatever its size when no other waits, so a large ack alone is never refused.</li>
 * </ul>
 */
public final class Outbox {

    /**
     * Writes to the socket, on the calling thread: returns once the socket took the frame, blocks
     * while the client does not read (the {@link Watchdog} bounds that).
     */
    @FunctionalInterface
    public interface Sender {
        void send(String text) throws IOException;

        /** Sends a WebSocket ping control frame; only called by the writer, never concurrently with a send. */
        default void ping() throws IOException {
        }
    }

    /** Whoever writes: takes an outbox that has frames and calls {@link #write} until it returns false. */
    @FunctionalInterface
    public interface Writers {
        /** Called once per turn, outside the outbox's lock. */
        void schedule(Outbox outbox);

        /** Writes at once on the scheduling thread (unit tests and microbenchmarks). */
        Writers INLINE = outbox -> {
            while (outbox.write(Integer.MAX_VALUE)) {
                // nothing: write(MAX_VALUE) returns false once it has written all
            }
        };
    }

    /** Marks a protocol ping in the reply queue (compared by identity). */
    private static final String PING = new String("ping");

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

    private final Sender sender;
    private final Owner owner;
    private final Writers writers;
    private final WireFormat format;
    private final ReplyLimit replyLimit;
    private final PushStats stats;

    private final ArrayDeque<String> replies = new ArrayDeque<>();
    /** UTF-8 bytes of the frames in {@link #replies}. */
    private long replyBytes;
    /** Guarded by this outbox's lock. */
    private final LatestPerJob updates = new LatestPerJob();

    /** Handed to the writers and not yet handed back: queued there, or being written. */
    private boolean scheduled;
    /** True while a frame is inside {@link Sender#send} (or a ping inside {@link Sender#ping}). */
    private boolean writing;
    private boolean closed;
    private long writeStartedNanos;
    private int highWaterMark;
    /** The job update {@link #next} returned (null for a reply), for the delivery-latency metric. */
    private JobUpdate polled;
    /** Runs after the last frame of {@link #finish} is written. */
    private Runnable finisher;
    /** While above zero, queued job updates wait (replies still go): see {@link #holdUpdates}. */
    private int holds;

    public Outbox(Sender sender, Owner owner, Writers writers, WireFormat format, ReplyLimit replyLimit,
                  PushStats stats) {
        this.sender = sender;
        this.owner = owner;
        this.writers = writers;
        this.format = format;
        this.replyLimit = replyLimit;
        this.stats = stats;
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
            if (!handOver()) {
                return true;
            }
        }
        writers.schedule(this);
        return true;
    }

    /** Queues a reply frame (ack, error, ping), sent before any pending job update. */
    public void reply(String frame) {
        boolean overflow = false;
        boolean schedule = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            long bytes = size(frame);
            if (replies.size() >= replyLimit.messages()
                    || (!replies.isEmpty() && replyBytes + bytes > replyLimit.bytes())) {
                closed = true;
                overflow = true;
            } else {
                replies.add(frame);
                replyBytes += bytes;
                highWaterMark = Math.max(highWaterMark, depth());
                schedule = handOver();
            }
        }
        if (overflow) {
            owner.repliesOverflowed();
        } else if (schedule) {
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
        boolean schedule;
        synchronized (this) {
            holds--;
            schedule = handOver();
        }
        if (schedule) {
            writers.schedule(this);
        }
    }

    /** Queues a protocol-level ping ahead of job updates (see {@link Sender#ping}). */
    public void ping() {
        reply(PING);
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
     * Discards what is queued, writes {@code last} once any write in progress has completed, then runs
     * {@code then} (which closes the socket) on the writer's thread. Nothing else is accepted meanwhile.
     */
    public void finish(String last, Runnable then) {
        boolean alreadyClosed;
        boolean schedule = false;
        synchronized (this) {
            alreadyClosed = closed;
            if (!closed) {
                discard();
                replies.add(last);
                replyBytes = size(last);
                finisher = then;
                closed = true;
                schedule = handOver(); // false if with the writers already: they reach the farewell
            }
        }
        if (alreadyClosed) {
            then.run();
        } else if (schedule) {
            writers.schedule(this);
        }
    }

    /**
     * Stops all further writes; pending frames are discarded (the connection is going away, and
     * whoever closes it closes the socket, so a pending {@link #finish} does not run either).
     */
    public synchronized void close() {
        closed = true;
        finisher = null;
        discard();
    }

    private void discard() {
        int discarded = replies.size() + updates.clear();
        if (discarded > 0) {
            stats.dropped(discarded);
        }
        replies.clear();
        replyBytes = 0;
    }

    /** Frames waiting, not counting one being written. */
    public synchronized int depth() {
        return replies.size() + updates.waiting();
    }

    /** The most frames that ever waited at once: stays at most subscribed jobs + queued replies. */
    public synchronized int highWaterMark() {
        return highWaterMark;
    }

    /** Nanos since the frame being written was handed to the socket, or 0 if none is being written. */
    public synchronized long writingForNanos() {
        return writing ? System.nanoTime() - writeStartedNanos : 0;
    }

    /** What a reply counts against the byte limit: its UTF-8 length; a protocol ping has no text. */
    private static long size(String reply) {
        return reply == PING ? 0 : ReplyLimit.utf8Bytes(reply);
    }

    /** Under the lock: whether there is a frame to write now, or a farewell's closing step to run. */
    private boolean hasWork() {
        return !replies.isEmpty() || finisher != null || (!closed && holds == 0 && updates.waiting() > 0);
    }

    /**
     * Under the lock: true if the caller must hand this outbox to the writers (it has work and is not
     * with them already). Called after every change that may give it work.
     */
    private boolean handOver() {
        if (scheduled || !hasWork()) {
            return false;
        }
        scheduled = true;
        return true;
    }

    private String next() {
        polled = null;
        String reply = replies.poll();
        if (reply != null) {
            replyBytes -= size(reply);
            return reply;
        }
        if (holds > 0 || closed) {
            return null;
        }
        JobUpdate update = updates.poll();
        if (update == null) {
            return null;
        }
        polled = update;
        return update.frame(format);
    }

    /**
     * Writes up to {@code max} frames, one at a time, on the calling thread: only the writers call
     * this, for an outbox they were handed. Returns true if more is waiting (the outbox stays with
     * the writers, which call again later: other connections get their turn meanwhile), false once
     * it has nothing left and is handed back.
     */
    boolean write(int max) {
        int written = 0;
        while (true) {
            String frame;
            JobUpdate update;
            Runnable finished = null;
            synchronized (this) {
                if (written == max && hasWork()) {
                    return true;
                }
                frame = next();
                update = polled;
                if (frame == null) {
                    scheduled = false;
                    finished = finisher;
                    finisher = null;
                } else {
                    writing = true;
                    writeStartedNanos = System.nanoTime();
                }
            }
            if (frame == null) {
                if (finished != null) {
                    finished.run();
                }
                return false;
            }
            try {
                if (frame == PING) {
                    sender.ping();
                } else {
                    sender.send(frame);
                }
            } catch (IOException | RuntimeException e) {
                failed(e);
                return false;
            }
            synchronized (this) {
                writing = false;
            }
            if (frame != PING) {
                stats.sent(update);
            }
            written++;
        }
    }

    /** A write failed: nothing more is written, and the owner closes the connection. */
    private void failed(Throwable error) {
        synchronized (this) {
            closed = true;
            writing = false;
            scheduled = false;
            finisher = null;
            discard();
        }
        owner.sendFailed(error);
    }
}
