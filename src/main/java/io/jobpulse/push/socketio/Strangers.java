package io.jobpulse.push.socketio;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@code /socket.io/} sockets whose CONNECT has not been accepted yet, per remote address. Such a
 * socket has proved nothing, yet costs a heartbeat and a buffer for up to the connect timeout, so
 * one address may hold only {@code jobpulse.socketio.max-unauthenticated-per-address} of them at
 * once; a well-behaved client holds one for the few milliseconds its CONNECT takes.
 */
@ApplicationScoped
public class Strangers {

    @Inject
    @ConfigProperty(name = "jobpulse.socketio.max-unauthenticated-per-address", defaultValue = "100")
    int maxPerAddress;

    private final ConcurrentMap<String, Integer> waiting = new ConcurrentHashMap<>();

    @PostConstruct
    void checkSettings() {
        if (maxPerAddress <= 0) {
            throw new IllegalStateException("jobpulse.socketio.max-unauthenticated-per-address must be positive");
        }
    }

    /** Counts one more socket from {@code address}; false (and not counted) when it already has the maximum. */
    public boolean enter(String address) {
        boolean[] entered = {false};
        waiting.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            entered[0] = count < maxPerAddress;
            return entered[0] ? count + 1 : n;
        });
        return entered[0];
    }

    /** The socket from {@code address} authenticated or closed. */
    public void leave(String address) {
        waiting.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    public int maxPerAddress() {
        return maxPerAddress;
    }
}
