package io.jobpulse.push.session;

/**
 * Reassembles one client text message from the parts the container delivers, counting its UTF-8
 * size as the parts arrive. Both endpoints read parts rather than whole messages because Liberty
 * enforces neither {@code setMaxTextMessageBufferSize} nor {@code @OnMessage(maxMessageSize)} on
 * fragmented messages: without this a client could make the server buffer any amount.
 */
public final class TextAssembler {

    private long maxBytes;
    private final StringBuilder partial = new StringBuilder();
    private long bytes;
    private boolean exceeded;

    public TextAssembler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a part. Returns the whole message when {@code last} and it fits, otherwise null. Once a
     * message has passed the limit, {@link #exceeded()} is true and every later part is dropped: the
     * caller closes the connection with 1009.
     */
    public String add(String part, boolean last) {
        if (exceeded) {
            return null;
        }
        bytes += utf8Length(part);
        if (bytes > maxBytes) {
            exceeded = true;
            partial.setLength(0);
            return null;
        }
        if (!last) {
            partial.append(part);
            return null;
        }
        String message = partial.isEmpty() ? part : partial.append(part).toString();
        partial.setLength(0);
        bytes = 0;
        return message;
    }

    /** A new limit for the next messages (e.g. a larger one once a client has authenticated). */
    public void limit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public boolean exceeded() {
        return exceeded;
    }

    /** UTF-8 length without encoding: 1 byte below U+0080, 2 below U+0800 and per surrogate, else 3. */
    static long utf8Length(CharSequence text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
