package io.jobpulse.push;

import io.jobpulse.job.Job;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Everything waiting to be written to one connection, and its only writer: replies in a bounded
 * queue, job updates coalesced per job in {@link LatestPerJob}. Producers only enqueue: an outbox that
 * gets something to write is handed to the {@link Writers} (the {@link SenderThreads}), which start
 * its writes; each completed send starts the next one, until nothing is left.
 *
 * <p>Invariants:
 * <ul>
 *   <li>One writer: an outbox is handed over once, when it gets work, and is with the writers (queued
 *       there, or with a send in flight) until it has nothing left; at most one send is in flight
 *       (Jakarta WebSocket forbids overlapping writes). Producers never wait for the socket.</li>
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
    /** One handler for every write, rather than a new method reference per frame. */
    private final SendHandler onSent = this::onSent;

    /** The writer role: handed to the writers (or writing) and not handed back yet. */
    private boolean writing;
    /** A frame was handed to the socket and its send has not completed: what the watchdog times. */
    private boolean inFlightNow;
    /** True while {@link #write} is inside {@code sender.send}; see {@link #onSent}. */
    private boolean inSend;
    private boolean sentInline;
    private boolean closed;
    private long writeStartedNanos;
    private int highWaterMark;
    /** The job update being written (null while a reply is), for the delivery-latency metric. */
    private JobUpdate inFlight;
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
            if (holds > 0 || !startWriting()) {
                return true; // held updates are handed over by releaseUpdates
            }
        }
        writers.schedule(this);
        return true;
    }

    /** Queues a reply frame (ack, error, ping), sent before any pending job update. */
    public void reply(String frame) {
        boolean overflow = false;
        boolean start = false;
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
                start = startWriting();
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
            start = holds == 0 && updates.waiting() > 0 && !closed && startWriting();
        }
        if (start) {
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
                replies.add(last);
                replyBytes = size(last);
                finisher = then;
                closed = true;
                start = startWriting(); // false: the write in flight will reach the farewell
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
        int discarded = replies.size() + updates.clear();
        if (discarded > 0) {
            stats.dropped(discarded);
        }
        replies.clear();
        replyBytes = 0;
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
    public synchronized long writingForNanos() {
        return inFlightNow ? System.nanoTime() - writeStartedNanos : 0;
    }

    /** What a reply counts against the byte limit: its UTF-8 length; a protocol ping has no text. */
    private static long size(String reply) {
        return reply == PING ? 0 : ReplyLimit.utf8Bytes(reply);
    }

    private boolean startWriting() {
        if (writing) {
            return false;
        }
        writing = true;
        return true;
    }

    private String next() {
        inFlight = null;
        String reply = replies.poll();
        if (reply != null) {
            replyBytes -= size(reply);
            return reply;
        }
        if (holds > 0) {
            return null;
        }
        JobUpdate update = updates.poll();
        if (update == null) {
            return null;
        }
        inFlight = update;
        return update.frame(format);
    }

    /**
     * Sends frames one at a time until none is left or a send is in flight (its completion then
     * calls this again, on the container's thread): only the writers call it, for an outbox handed
     * to them, and the completions. A trampoline rather than recursion: when the container completes
     * a send inside {@code sendText} itself, {@link #onSent} only flags it and this loop sends the
     * next frame, so the stack never grows with the queue.
     */
    void write() {
        while (true) {
            String frame;
            Runnable finished = null;
            synchronized (this) {
                frame = closed && finisher == null ? null : next();
                if (frame == null) {
                    writing = false;
                    finished = finisher;
                    finisher = null;
                }
                if (frame != null) {
                    inSend = true;
                    sentInline = false;
                    inFlightNow = true;
                    writeStartedNanos = System.nanoTime();
                }
            }
            if (frame == null) {
                if (finished != null) {
                    finished.run();
                }
                return;
            }
            if (frame == PING) {
                sendPing();
                continue;
            }
            try {
                sender.send(frame, onSent);
            } catch (RuntimeException e) {
                onSent(new SendResult(e));
            }
            synchronized (this) {
                inSend = false;
                if (!sentInline) {
                    return;
                }
            }
        }
    }

    /** Sends a ping inline: the writer role is held, so no text send can overlap it. */
    private void sendPing() {
        try {
            sender.ping();
        } catch (IOException | RuntimeException e) {
            onSent(new SendResult(e));
        }
        synchronized (this) {
            inSend = false;
            inFlightNow = false;
        }
    }

    private void onSent(SendResult result) {
        if (!result.isOK()) {
            synchronized (this) {
                closed = true;
                writing = false;
                inSend = false;
                inFlightNow = false;
            }
            owner.sendFailed(result.getException());
            return;
        }
        JobUpdate sent;
        synchronized (this) {
            sent = inFlight;
            inFlight = null;
            inFlightNow = false;
        }
        stats.sent(sent);
        synchronized (this) {
            if (inSend) {
                sentInline = true;
                return;
            }
        }
        write();
    }
}
