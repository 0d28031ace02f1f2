package io.jobpulse.job.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Lets concurrent callers share one database transaction, so a commit (a disk write and a round
 * trip) is paid once per batch instead of once per event, while every caller still returns only
 * after its own change is committed.
 *
 * <p>No thread of its own: a caller queues its request, and whoever gets the lock becomes the leader
 * and runs batches of queued requests (its own among them); the others sleep until their request is
 * answered. A leader whose own request is done serves a few more batches, then hands over by waking
 * the caller of the oldest waiting request, so no caller is kept serving others for long.
 *
 * @param <T> what a caller submits
 * @param <R> what it gets back
 */
final class GroupCommit<T, R> {

    /** One caller's submission; the leader answers it with a result or a failure. */
    static final class Request<T, R> {
        final T item;
        private final Thread caller = Thread.currentThread();
        private volatile boolean done;
        private R result;
        private RuntimeException failure;

        Request(T item) {
            this.item = item;
        }

        void complete(R value) {
            result = value;
            finish();
        }

        void fail(RuntimeException e) {
            failure = e;
            finish();
        }

        private void finish() {
            done = true;  // volatile write after the fields: the caller reads them after seeing it
            LockSupport.unpark(caller);
        }
    }

    /** Batches a leader runs for others after its own request is answered, before handing over. */
    private static final int EXTRA_BATCHES = 4;
    /** Safety net only: callers are woken when answered or handed the lead. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final int maxBatch;
    private final Consumer<List<Request<T, R>>> runBatch;
    private final ConcurrentLinkedQueue<Request<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock leader = new ReentrantLock();

    /**
     * @param runBatch runs one batch; it should answer every request, and any it leaves unanswered
     *                 (or all, if it throws) fail
     */
    GroupCommit(int maxBatch, Consumer<List<Request<T, R>>> runBatch) {
        this.maxBatch = maxBatch;
        this.runBatch = runBatch;
    }

    R submit(T item) {
        return submitAll(List.of(item)).get(0);
    }

    /**
     * Submits several items in order and returns their results in that order. They are queued
     * together, so with nobody else waiting they share one transaction (up to the batch size); the
     * call returns once all are answered, and throws the first failure if any failed.
     */
    List<R> submitAll(List<T> items) {
        List<Request<T, R>> mine = new ArrayList<>(items.size());
        items.forEach(item -> mine.add(new Request<>(item)));
        mine.forEach(queue::add);
        Request<T, R> last = mine.get(mine.size() - 1);
        int pending = 0;
        while (pending < mine.size()) {
            if (mine.get(pending).done) {
                pending++;
            } else if (leader.tryLock()) {
                try {
                    lead(last);
                } finally {
                    leader.unlock();
                }
                Request<T, R> next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller);
                }
            } else {
                LockSupport.parkNanos(this, MAX_SLEEP_NANOS);
            }
        }
        List<R> results = new ArrayList<>(mine.size());
        for (Request<T, R> r : mine) {
            if (r.failure != null) {
                throw r.failure;
            }
            results.add(r.result);
        }
        return results;
    }

    /** Requests waiting for a leader. */
    int waiting() {
        return queue.size();
    }

    private void lead(Request<T, R> mine) {
        List<Request<T, R>> batch = new ArrayList<>(maxBatch);
        int extra = 0;
        while (!mine.done || extra++ < EXTRA_BATCHES) {
            batch.clear();
            Request<T, R> next;
            while (batch.size() < maxBatch && (next = queue.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                runBatch.accept(batch);
            } catch (RuntimeException | Error e) {
                // every polled request must be answered, or its caller would wait forever
                RuntimeException failure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                for (Request<T, R> r : batch) {
                    if (!r.done) {
                        r.fail(failure);
                    }
                }
                if (e instanceof Error error) {
                    throw error;
                }
            }
            for (Request<T, R> r : batch) {
                if (!r.done) {
                    r.fail(new IllegalStateException("a batch left a request unanswered"));
                }
            }
        }
    }
}
