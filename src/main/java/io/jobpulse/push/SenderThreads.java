package io.jobpulse.push;

import io.jobpulse.job.ChangeBatch;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The threads that start every connection's writes, so that producers never do. An {@link Outbox}
 * that gets something to write is handed over once ({@link #schedule}) and waits in one ready queue;
 * a thread takes it and starts its next send ({@link Outbox#write}); the send's completion writes the
 * rest. A thread that wakes up serves every outbox that is ready by then.
 *
 * <p>Inside a producer's batch ({@link ChangeBatch}) the outboxes that become ready are collected on
 * the producer's thread and queued together when the batch has been announced: a batch of 100 events
 * costs the request thread one wake-up of a sender thread, not 100 sends.
 */
public final class SenderThreads implements Outbox.Writers {

    private static final Logger LOG = Logger.getLogger(SenderThreads.class.getName());

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    /** Guarded by {@link #lock}, as are the fields below it. */
    private final ArrayDeque<Outbox> ready = new ArrayDeque<>();
    private int idle;
    private int running;
    private boolean stopped;
    /** Outboxes that became ready on this thread during a {@link ChangeBatch}, queued when it ends. */
    private final ThreadLocal<List<Outbox>> deferred = ThreadLocal.withInitial(ArrayList::new);

    public SenderThreads(int threads, ThreadFactory factory) {
        if (threads < 1) {
            throw new IllegalArgumentException("jobpulse.ws.sender-threads must be 0 (automatic) or more; was "
                    + threads);
        }
        lock.lock();
        try {
            for (int i = 0; i < threads; i++) {
                Thread thread = factory.newThread(this::run);
                thread.setName("jobpulse-sender-" + i);
                running++;
                thread.start();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void schedule(Outbox outbox) {
        ChangeBatch batch = ChangeBatch.current();
        if (batch != null) {
            List<Outbox> mine = deferred.get();
            if (mine.isEmpty()) {
                batch.atEnd(this::queueDeferred);
            }
            mine.add(outbox);
            return;
        }
        lock.lock();
        try {
            ready.add(outbox);
            if (idle > 0) {
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void queueDeferred() {
        List<Outbox> mine = deferred.get();
        lock.lock();
        try {
            ready.addAll(mine);
            if (idle > 0) {
                work.signal(); // the thread that takes the first signals another if more wait
            }
        } finally {
            lock.unlock();
        }
        mine.clear();
    }

    /** Threads running now. */
    public int threadCount() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** Outboxes waiting for a thread. */
    public int readyCount() {
        lock.lock();
        try {
            return ready.size();
        } finally {
            lock.unlock();
        }
    }

    /** Lets every thread finish what it is doing and stop; what is still queued is not written. */
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            ready.clear();
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            Outbox outbox;
            while ((outbox = take()) != null) {
                try {
                    outbox.write();
                } catch (RuntimeException e) {
                    // Outbox.write handles send failures; this is a bug, which must not kill the thread.
                    LOG.log(Level.WARNING, "Writing to a connection failed", e);
                }
            }
        } finally {
            lock.lock();
            try {
                running--;
            } finally {
                lock.unlock();
            }
        }
    }

    /** The next outbox to write; null when the thread is to stop. */
    private Outbox take() {
        lock.lock();
        try {
            while (!stopped) {
                Outbox outbox = ready.poll();
                if (outbox != null) {
                    if (idle > 0 && !ready.isEmpty()) {
                        work.signal(); // more for another thread
                    }
                    return outbox;
                }
                idle++;
                try {
                    work.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null; // the container is stopping the application
                } finally {
                    idle--;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The application's sender threads, as configured. */
    @ApplicationScoped
    public static class Service {

        /** 0: two, or one on a single CPU (measured: docs/benchmarks.md). */
        @Inject
        @ConfigProperty(name = "jobpulse.ws.sender-threads", defaultValue = "0")
        int threads;

        @Resource
        ManagedThreadFactory factory;

        private SenderThreads pool;

        /** Fails the deployment on a bad setting rather than at the first write. */
        @PostConstruct
        void start() {
            pool = new SenderThreads(threads == 0 ? Math.min(2, Runtime.getRuntime().availableProcessors()) : threads,
                    factory);
        }

        @PreDestroy
        void stop() {
            pool.stop();
        }

        public SenderThreads pool() {
            return pool;
        }
    }
}
