package io.jobpulse.push;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

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
    private volatile JsonObject auth = JsonValue.EMPTY_JSON_OBJECT;

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

    /**
     * What the client presented when it connected, e.g. the Socket.IO CONNECT {@code auth} payload
     * {@code {"token": ".."}}; empty until then. Kept here so authorisation can read it later.
     */
    public JsonObject auth() {
        return auth;
    }

    public void auth(JsonObject auth) {
        this.auth = auth == null ? JsonValue.EMPTY_JSON_OBJECT : auth;
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
    public void repliesOverflowed() {
        close(CloseCodes.POLICY_VIOLATION, "too many unread replies");
    }
}
