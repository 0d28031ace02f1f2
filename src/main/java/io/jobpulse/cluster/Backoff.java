package io.jobpulse.cluster;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Waits between reconnect attempts (250 ms doubling to 5 s) and logs an outage once when it starts
 * and once when it ends, not on every attempt. One per thread.
 */
final class Backoff {

    private static final long FIRST_MS = 250;
    private static final long MAX_MS = 5000;

    private long nextMs = FIRST_MS;
    private boolean failing;

    void failed(Logger log, String message, Exception cause) {
        if (!failing) {
            failing = true;
            log.log(Level.WARNING, message + ": " + cause);
        } else {
            log.log(Level.FINE, message, cause);
        }
        try {
            Thread.sleep(nextMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        nextMs = Math.min(MAX_MS, nextMs * 2);
    }

    void succeeded(Logger log, String message) {
        if (failing) {
            failing = false;
            log.info(message);
        }
        nextMs = FIRST_MS;
    }
}
