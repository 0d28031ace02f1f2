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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The threads that write every connection's frames. An {@link Outbox} with something to write is
 * handed over once ({@link #schedule}) and waits in one ready queue; a thread takes it, writes up to
 * {@link #FRAMES_PER_TURN} of its frames with blocking writes on its own stack, and puts it back at
 * the end of the queue if more wait. A thread that wakes up writes to every connection that is
 * ready by then, and no frame costs a hand-off to another thread, which is what a WebSocket
 * container's asynchronous send does (Liberty queues each one to a worker through its selector).
 *
 * <p>A blocking write returns as soon as the socket buffer has taken the frame; it blocks only while
 * a client does not read. So that such a client cannot hold up the others, a thread that has been in
 * one turn for longer than {@link #STALL_NANOS} counts as stalled: while every thread is stalled
 * and outboxes wait, another thread is started (at most {@code maxThreads} in all), and the threads
 * above {@code threads} stop again once they find nothing to do for {@link #KEEP_ALIVE_NANOS}. The
 * {@link Watchdog} closes a connection whose write has been blocked for
 * {@code jobpulse.ws.send-timeout-ms}, which ends the write and frees its thread.
 *
 * <p>Inside a producer's batch ({@link ChangeBatch}) the outboxes that become ready are collected on
 * the producer's thread and queued together when the batch has been announced: a batch of 100 events
 * costs the request thread one wake-up of a writer, not 100.
 */
public final class SenderThreads implements Outbox.Writers {

    private static final Logger LOG = Logger.getLogger(SenderThreads.class.getName());

    /** Frames one connection gets per turn before the others get theirs. */
    static final int FRAMES_PER_TURN = 16;
    /** A turn longer than this is a blocked write: the client has stopped reading. */
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long a thread beyond the configured number waits for work before it stops. */
    static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** One writing thread; {@link #turnStarted} tells the others whether it is stalled. */
    private final class Worker implements Runnable {
        /** When its current turn began; 0 while it is not in one. */
        volatile long turnStarted;

        @Override
        public void run() {
            try {
                Outbox outbox;
                while ((outbox = take(this)) != null) {
                    turnStarted = System.nanoTime() | 1; // never 0 while in a turn
                    boolean more;
                    try {
                        more = outbox.write(FRAMES_PER_TURN);
                    } catch (RuntimeException e) {
                        // Outbox.write handles send failures; this is a bug, which must not kill the thread.
                        LOG.log(Level.WARNING, "Writing to a connection failed", e);
                        more = false;
                    } finally {
                        turnStarted = 0;
                    }
                    if (more) {
                        requeue(outbox);
                    }
                }
            } finally {
                retire(this);
            }
        }
    }

    private final int threads;
    private final int maxThreads;
    private final long stallNanos;
    private final long keepAliveNanos;
    private final ThreadFactory factory;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    /** Guarded by {@link #lock}, as are the fields below it. */
    private final ArrayDeque<Outbox> ready = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    private int idle;
    private int started;
    private boolean stopped;
    /** Outboxes that became ready on this thread during a {@link ChangeBatch}, queued when it ends. */
    private final ThreadLocal<List<Outbox>> deferred = ThreadLocal.withInitial(ArrayList::new);

    /**
     * @param threads    threads that always run
     * @param maxThreads the most threads while some are stalled on clients that do not read
     */
    public SenderThreads(int threads, int maxThreads, ThreadFactory factory) {
        this(threads, maxThreads, factory, STALL_NANOS, KEEP_ALIVE_NANOS);
    }

    /** With other stall and keep-alive times (tests). */
    SenderThreads(int threads, int maxThreads, ThreadFactory factory, long stallNanos, long keepAliveNanos) {
        if (threads < 1 || maxThreads < threads) {
            throw new IllegalArgumentException("jobpulse.ws.sender-threads must be 0 (automatic) or more, and"
                    + " jobpulse.ws.max-sender-threads at least 1; were " + threads + " and " + maxThreads);
        }
        this.threads = threads;
        this.maxThreads = maxThreads;
        this.stallNanos = stallNanos;
        this.keepAliveNanos = keepAliveNanos;
        this.factory = factory;
        lock.lock();
        try {
            for (int i = 0; i < threads; i++) {
                startWorker();
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
            wake();
        } finally {
            lock.unlock();
        }
    }

    private void queueDeferred() {
        List<Outbox> mine = deferred.get();
        lock.lock();
        try {
            ready.addAll(mine);
            wake();
        } finally {
            lock.unlock();
        }
        mine.clear();
    }

    /**
     * Starts another thread if every thread is stalled while outboxes wait; the {@link Watchdog}
     * calls this on every sweep, for when no new work arrives to trigger it.
     */
    public void checkStalled() {
        lock.lock();
        try {
            if (idle == 0) {
                startIfAllStalled();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Threads running now (more than configured while some are stalled). */
    public int threadCount() {
        lock.lock();
        try {
            return workers.size();
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

    /** Lets every thread finish its turn and stop; what is still queued is not written. */
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

    /** With the lock held, after queueing: an idle thread takes the work, or one is started if all are stalled. */
    private void wake() {
        if (idle > 0) {
            work.signal();
        } else {
            startIfAllStalled();
        }
    }

    private void startIfAllStalled() {
        if (stopped || ready.isEmpty() || workers.size() >= maxThreads) {
            return;
        }
        long now = System.nanoTime();
        for (Worker w : workers) {
            long started = w.turnStarted;
            if (started == 0 || now - started < stallNanos) {
                return; // this one will come back for the queue soon
            }
        }
        startWorker();
    }

    private void startWorker() {
        Worker worker = new Worker();
        Thread thread = factory.newThread(worker);
        thread.setName("jobpulse-sender-" + started++);
        workers.add(worker);
        thread.start();
    }

    private void requeue(Outbox outbox) {
        lock.lock();
        try {
            if (!stopped) {
                ready.add(outbox); // no wake-up: this thread comes back for the queue right away
            }
        } finally {
            lock.unlock();
        }
    }

    /** The next outbox for {@code worker}; null when it is to stop. */
    private Outbox take(Worker worker) {
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
                boolean extra = workers.size() > threads;
                idle++;
                try {
                    if (!extra) {
                        work.await();
                    } else if (work.awaitNanos(keepAliveNanos) <= 0 && ready.isEmpty() && workers.size() > threads) {
                        workers.remove(worker); // at once, so that no other extra thread counts it
                        return null;
                    }
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

    /** A thread that ends otherwise (stopped, interrupted) leaves the count too. */
    private void retire(Worker worker) {
        lock.lock();
        try {
            workers.remove(worker);
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

        @Inject
        @ConfigProperty(name = "jobpulse.ws.max-sender-threads", defaultValue = "32")
        int maxThreads;

        @Resource
        ManagedThreadFactory factory;

        private SenderThreads pool;

        /** Fails the deployment on a bad setting rather than at the first write. */
        @PostConstruct
        void start() {
            int n = threads == 0 ? Math.min(2, Runtime.getRuntime().availableProcessors()) : threads;
            pool = new SenderThreads(n, Math.max(n, maxThreads), factory);
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
