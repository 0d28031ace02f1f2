package io.jobpulse.testsupport;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Whether WebSocket handshakes are refused right now, and until when. */
@ApplicationScoped
public class SocketGate {

    private volatile long refuseUntilNanos = System.nanoTime();

    public void refuseFor(Duration duration) {
        refuseUntilNanos = System.nanoTime() + duration.toNanos();
    }

    public void open() {
        refuseUntilNanos = System.nanoTime();
    }

    public boolean refusing() {
        return System.nanoTime() - refuseUntilNanos < 0;
    }
}
