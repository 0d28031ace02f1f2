package io.jobpulse.push;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.io.IOException;

/**
 * The one writer of an {@link Outbox}: sends its frames one at a time, replies before job updates,
 * until none is left or a send is in flight; that send's completion calls {@link #write} again, on
 * the container's thread. Only the {@link Outbox.Writers} (for an outbox handed to them) and the
 * completions call it. A trampoline rather than recursion: when the container completes a send
 * inside {@code sendText} itself, {@link #onSent} only flags it and the loop sends the next frame, so
 * the stack never grows with the queue.
 *
 * <p>It shares its outbox's lock: the writer role ({@link #claim}) must change together with the
 * queues, so a producer either finds the role free and hands the outbox over, or knows that the
 * writer will reach what it queued.
 */
final class WriteLoop {

    /** Its lock guards every mutable field below, and the queues. */
    private final Outbox outbox;
    private final Outbox.Sender sender;
    private final Outbox.Owner owner;
    private final WireFormat format;
    private final PushStats stats;
    /** One handler for every write, rather than a new method reference per frame. */
    private final SendHandler onSent = this::onSent;

    /** The writer role: handed to the writers (or writing) and not handed back yet. */
    private boolean writing;
    /** A frame was handed to the socket and its send has not completed: what the watchdog times. */
    private boolean inFlightNow;
    private long writeStartedNanos;
    /** True while {@link #write} is inside {@code sender.send}; see {@link #onSent}. */
    private boolean inSend;
    private boolean sentInline;
    /** The job update being written (null while a reply is), for the delivery-latency metric. */
    private JobUpdate inFlight;

    WriteLoop(Outbox outbox, Outbox.Sender sender, Outbox.Owner owner, WireFormat format, PushStats stats) {
        this.outbox = outbox;
        this.sender = sender;
        this.owner = owner;
        this.format = format;
        this.stats = stats;
    }

    /**
     * Takes the writer role if it is free, under the outbox's lock; true when the caller must now
     * hand the outbox to the writers (outside the lock).
     */
    boolean claim() {
        if (writing) {
            return false;
        }
        writing = true;
        return true;
    }

    /** Nanos since the frame in flight was handed to the socket, or 0 if none is in flight. */
    long writingForNanos() {
        synchronized (outbox) {
            return inFlightNow ? System.nanoTime() - writeStartedNanos : 0;
        }
    }

    /** Sends frames until none is left (then hands the role back) or a send is in flight. */
    void write() {
        while (true) {
            ReplyQueue.Item reply;
            JobUpdate update;
            String frame;
            Runnable finished = null;
            synchronized (outbox) {
                reply = outbox.nextReply();
                update = reply == null ? outbox.nextUpdate() : null;
                inFlight = update;
                frame = reply != null ? reply.text() : update != null ? update.frame(format) : null;
                if (reply == null && update == null) {
                    writing = false;
                    finished = outbox.takeFinisher();
                } else {
                    inSend = true;
                    sentInline = false;
                    inFlightNow = true;
                    writeStartedNanos = System.nanoTime();
                }
            }
            if (reply == null && update == null) {
                if (finished != null) {
                    finished.run();
                }
                return;
            }
            if (reply != null && reply.isPing()) {
                sendPing();
                continue;
            }
            try {
                sender.send(frame, onSent);
            } catch (RuntimeException e) {
                onSent(new SendResult(e));
            }
            synchronized (outbox) {
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
        synchronized (outbox) {
            inSend = false;
            inFlightNow = false;
        }
    }

    private void onSent(SendResult result) {
        if (!result.isOK()) {
            synchronized (outbox) {
                outbox.writeFailed();
                writing = false;
                inSend = false;
                inFlightNow = false;
            }
            owner.sendFailed(result.getException());
            return;
        }
        JobUpdate sent;
        synchronized (outbox) {
            sent = inFlight;
            inFlight = null;
            inFlightNow = false;
        }
        stats.sent(sent);
        synchronized (outbox) {
            if (inSend) {
                sentInline = true;
                return;
            }
        }
        write();
    }
}
