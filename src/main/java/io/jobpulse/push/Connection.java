package io.jobpulse.push;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client socket as the hub sees it, whatever its protocol: its subscriptions and its outbox.
 * All writes go through the outbox; closing goes through {@link #close}.
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
    private final Set<Topic> topics = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** System.nanoTime() of the last protocol ping queued, and of the oldest unanswered one written (0 = none). */
    private volatile long lastPingNanos = System.nanoTime();
    private volatile long unansweredPingNanos;

    public Connection(String id, WireFormat format, Outbox.Sender sender, Closer closer,
                      int maxReplies, PushStats stats) {
        this.id = id;
        this.format = format;
        this.closer = closer;
        this.outbox = new Outbox(sender, this, format, maxReplies, stats);
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

    public boolean isClosed() {
        return closed;
    }

    /** Queues a job state for this client; stale states are skipped (see {@link Outbox}). */
    public void deliver(JobUpdate update) {
        outbox.offer(update);
    }

    /** Queues a reply frame, sent ahead of job updates. */
    public void reply(String frame) {
        outbox.reply(frame);
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Queues a protocol ping if {@code intervalNanos} passed since the last one. */
    void pingIfDue(long now, long intervalNanos) {
        if (now - lastPingNanos >= intervalNanos) {
            lastPingNanos = now;
            outbox.ping();
        }
    }

    /**
     * The pong clock starts when a ping is written, not queued: a ping stuck behind a write the
     * client does not read is the slow-consumer case, which the send timeout handles.
     */
    @Override
    public void pinged() {
        if (unansweredPingNanos == 0) {
            unansweredPingNanos = System.nanoTime();
        }
    }

    /** Whether a ping has waited longer than {@code timeoutNanos} for its pong: the peer is gone. */
    boolean pingOverdue(long now, long timeoutNanos) {
        long since = unansweredPingNanos;
        return since != 0 && now - since > timeoutNanos;
    }

    /** The peer answered a ping (any pong proves it is alive). */
    public void ponged() {
        unansweredPingNanos = 0;
    }

    /** Closes the socket (once) with a documented close code, discarding what is still queued. */
    public void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        outbox.close();
        try {
            closer.close(code, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing connection " + id + " failed", e);
        }
    }

    /** Marks the connection gone after the peer closed it; nothing more is written. */
    void closed() {
        closed = true;
        outbox.close();
    }

    @Override
    public void sendFailed(Throwable error) {
        LOG.log(Level.FINE, "Write to connection " + id + " failed; closing it", error);
        close(CloseCodes.INTERNAL_ERROR, "write failed");
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", " + format + "]";
    }

    @Override
    public void repliesOverflowed() {
        close(CloseCodes.POLICY_VIOLATION, "too many unread replies");
    }
}
