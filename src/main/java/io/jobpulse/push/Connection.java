package io.jobpulse.push;

import io.jobpulse.job.Job;
import io.jobpulse.security.Caller;
import io.jobpulse.security.TokenBucket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client socket as the hub sees it, whatever its protocol: its subscriptions and its outbox.
 * All writes go through the outbox; every server-side close goes through {@link #close}. It is also
 * where authorisation holds: a connection accepts only jobs its {@link Caller} may read, whether by
 * snapshot or by push, so a subscription to a job id that another user creates later never leaks it.
 */
public final class Connection implements Outbox.Owner {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    /** Closes the underlying socket with a close code; must not throw. */
    @FunctionalInterface
    public interface Closer {
        void close(int code, String reason);
    }

    private final String id;
    private final WireFormat format;
    private final Outbox outbox;
    private final Closer closer;
    /** Forgets this connection and its subscriptions in the hub, at once when the server closes it. */
    private final Consumer<Connection> forget;
    private final Set<Topic> topics = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** Set while a farewell frame is being written before the close (see {@link #close}). */
    private volatile boolean closing;
    /** Who this is; {@link Caller#NOBODY} (sees nothing) until the endpoint has authenticated it. */
    private volatile Caller caller = Caller.NOBODY;
    /** The client's request rate limit, made on its first request. */
    private TokenBucket requests;
    /** How many refused requests the client may still send before it is cut off, made on its first refusal. */
    private TokenBucket refusals;
    /** The protocol's last frame before a close with a given code (null = none), e.g. Socket.IO's DISCONNECT. */
    private volatile IntFunction<String> farewells = code -> null;

    Connection(String id, WireFormat format, Outbox.Sender sender, Outbox.Writers writers, Closer closer,
               ReplyLimit replyLimit, PushStats stats, Consumer<Connection> forget) {
        this.id = id;
        this.format = format;
        this.closer = closer;
        this.forget = forget;
        this.outbox = new Outbox(sender, this, writers, format, replyLimit, stats);
    }

    public String id() {
        return id;
    }

    public WireFormat format() {
        return format;
    }

    public Set<Topic> topics() {
        return topics;
    }

    /** Whether one of this connection's subscriptions covers the job (by its id or its owner). */
    @Override
    public boolean follows(String jobId, String userId) {
        return topics.contains(Topic.job(jobId)) || (userId != null && topics.contains(Topic.user(userId)));
    }

    public Caller caller() {
        return caller;
    }

    public void caller(Caller caller) {
        this.caller = caller;
    }

    /** This connection's rate limit for requests; {@code create} makes it on first use. */
    public synchronized TokenBucket requests(Supplier<TokenBucket> create) {
        if (requests == null) {
            requests = create.get();
        }
        return requests;
    }

    /** This connection's allowance of refused requests; {@code create} makes it on the first refusal. */
    public synchronized TokenBucket refusals(Supplier<TokenBucket> create) {
        if (refusals == null) {
            refusals = create.get();
        }
        return refusals;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Whether this connection may be handed the job: the one authorisation rule of delivery. */
    public boolean mayRead(Job job) {
        return caller.mayRead(job);
    }

    /**
     * Queues a job state for this client if it {@link #mayRead may read} the job (a job id
     * subscription does not entitle anyone to someone else's job); stale states are skipped (see
     * {@link Outbox}).
     */
    public void deliver(JobUpdate update) {
        if (mayRead(update.job())) {
            outbox.offer(update);
        }
    }

    /** Queues a reply frame, sent ahead of job updates. */
    public void reply(String frame) {
        outbox.reply(frame);
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Sets the frame the protocol writes before closing with a given code (null for none). */
    public void farewells(IntFunction<String> farewells) {
        this.farewells = farewells;
    }

    /**
     * Closes the socket (once) with the close code of {@code cause}, discarding what is still queued,
     * and forgets the connection and its subscriptions in the hub at once, without waiting for the
     * peer. When the protocol has a farewell for the code, it is written first, behind any write in
     * flight (the one-writer rule holds to the end); a second close while it waits closes at once.
     */
    public void close(CloseCause cause, String reason) {
        int code = cause.code();
        String farewell = closed ? null : farewells.apply(code);
        synchronized (this) {
            if (closed && !closing) {
                return;
            }
            if (closing) {
                farewell = null; // already waiting for a farewell that may never be written: close now
            }
            closed = true;
            closing = farewell != null;
        }
        if (farewell != null) {
            outbox.finish(farewell, () -> closeSocket(code, reason));
        } else {
            outbox.close();
            closeSocket(code, reason);
        }
        forget.accept(this);
    }

    private void closeSocket(int code, String reason) {
        closing = false;
        try {
            closer.close(code, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing connection " + id + " failed", e);
        }
    }

    /**
     * Marks the connection gone (the peer closed it, or the hub dropped it); nothing more is queued.
     * A farewell already on its way is still written, then the socket closes: a close forgets the
     * connection right away, and that must not swallow Socket.IO's DISCONNECT.
     */
    void closed() {
        closed = true;
        if (!closing) {
            outbox.close();
        }
    }

    @Override
    public void sendFailed(Throwable error) {
        LOG.log(Level.FINE, "Write to connection " + id + " failed; closing it", error);
        close(CloseCause.WRITE_FAILED, "write failed");
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", " + format + "]";
    }

    @Override
    public void repliesOverflowed() {
        close(CloseCause.UNREAD_REPLIES, "too many unread replies");
    }
}
