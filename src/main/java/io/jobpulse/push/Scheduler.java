package io.jobpulse.push;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;

/** The container's managed scheduler, as the push side needs it: run something a little later. */
@ApplicationScoped
public class Scheduler {

    @Resource
    ManagedScheduledExecutorService executor;

    public void later(Runnable task, long delayNanos) {
        executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }
}
