package io.jobpulse.push;

import java.nio.charset.StandardCharsets;

/**
 * The size limit of incoming frames. Liberty enforces only the compile-time
 * {@code @OnMessage(maxMessageSize)}, so that is a fixed ceiling against memory exhaustion, and the
 * configurable {@code jobpulse.ws.max-frame-bytes} (at most the ceiling) is checked here; both end
 * in close code 1009.
 */
public final class FrameLimit {

    /** Hard ceiling the container enforces before buffering more: 1 MiB. */
    public static final long CEILING_BYTES = 1_048_576;

    private FrameLimit() {
    }

    /** Whether {@code text} encodes to more than {@code maxBytes} UTF-8 bytes. */
    public static boolean exceeds(String text, int maxBytes) {
        if (text.length() > maxBytes) {
            return true; // every char is at least one byte
        }
        if (text.length() * 3L <= maxBytes) {
            return false; // every char is at most three bytes (a surrogate pair is four for two chars)
        }
        return text.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }
}
