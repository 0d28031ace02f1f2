package io.jobpulse.push;

/**
 * How many replies (acks, errors, pings) may wait for a client that does not read, counted in
 * frames and in UTF-8 bytes, before its connection is closed with 1008. Bytes matter because one
 * ack may carry a hundred full jobs: a frame count alone lets a few sockets pin hundreds of MB.
 * Set by {@code jobpulse.ws.max-queued-replies} and {@code jobpulse.ws.max-queued-reply-bytes}
 * ({@link io.jobpulse.push.session.SocketSettings}).
 */
public record ReplyLimit(int messages, long bytes) {

    public ReplyLimit {
        if (messages < 1 || bytes < 1) {
            throw new IllegalArgumentException("jobpulse.ws.max-queued-replies and jobpulse.ws.max-queued-reply-bytes"
                    + " must be at least 1, were " + messages + " and " + bytes);
        }
    }

    /** UTF-8 length of a frame, counted without encoding it (a surrogate pair counts 6, not 4: an overestimate is safe). */
    static long utf8Bytes(String frame) {
        long n = frame.length();
        for (int i = 0; i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (c >= 0x80) {
                n += c >= 0x800 ? 2 : 1;
            }
        }
        return n;
    }
}
