package io.jobpulse.push;

import java.util.ArrayDeque;

/**
 * The replies waiting for one connection (acks, errors, protocol pings), first in first out, bounded
 * in frames and in UTF-8 bytes by a {@link ReplyLimit}: bytes matter because one ack may carry a
 * hundred full jobs. One reply is accepted whatever its size when no other waits, so a large ack
 * alone is never refused. Not thread-safe: its {@link Outbox}'s lock guards it.
 */
final class ReplyQueue {

    /** One waiting reply: a text frame, or a protocol ping, which has no text and costs no bytes. */
    record Item(String text) {

        /** A protocol-level ping (see {@link Outbox.Sender#ping}). */
        static final Item PING = new Item(null);

        boolean isPing() {
            return text == null;
        }

        /** What the reply counts against the byte limit: its UTF-8 length. */
        long bytes() {
            return text == null ? 0 : ReplyLimit.utf8Bytes(text);
        }
    }

    private final ReplyLimit limit;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    /** UTF-8 bytes of the frames in {@link #items}. */
    private long bytes;

    ReplyQueue(ReplyLimit limit) {
        this.limit = limit;
    }

    /** Queues a reply; false (and not queued) when it would pass the limit. */
    boolean add(Item item) {
        long size = item.bytes();
        if (items.size() >= limit.messages() || (!items.isEmpty() && bytes + size > limit.bytes())) {
            return false;
        }
        items.add(item);
        bytes += size;
        return true;
    }

    /** The oldest reply, or null when none waits. */
    Item poll() {
        Item item = items.poll();
        if (item != null) {
            bytes -= item.bytes();
        }
        return item;
    }

    int size() {
        return items.size();
    }

    /** Discards every waiting reply; returns how many there were. */
    int clear() {
        int discarded = items.size();
        items.clear();
        bytes = 0;
        return discarded;
    }
}
