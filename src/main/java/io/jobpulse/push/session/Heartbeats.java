package io.jobpulse.push.session;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one {@link Heartbeat} of each socket endpoint, with that endpoint's ping interval and timeout
 * ({@link SocketSettings}), ticking on the container's scheduler for as long as the application runs.
 */
@ApplicationScoped
public class Heartbeats {

    @Inject
    SocketSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Heartbeat plain;
    private Heartbeat socketIo;

    @PostConstruct
    void start() {
        plain = new Heartbeat(settings.plain().pingInterval(), settings.plain().pingTimeout());
        socketIo = new Heartbeat(settings.socketIo().pingInterval(), settings.socketIo().pingTimeout());
        plain.start(scheduler);
        socketIo.start(scheduler);
    }

    @PreDestroy
    void stop() {
        plain.stop();
        socketIo.stop();
    }

    /** Sends {@code /ws/jobs} connections WebSocket pings and drops peers that stop answering. */
    public Heartbeat plain() {
        return plain;
    }

    /** Sends {@code /socket.io/} connections Engine.IO pings and drops peers that stop answering. */
    public Heartbeat socketIo() {
        return socketIo;
    }
}
