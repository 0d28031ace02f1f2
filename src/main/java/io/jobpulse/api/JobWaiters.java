package io.jobpulse.api;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobChanged;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.ws.rs.container.AsyncResponse;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Long-poll requests waiting for a job to pass a version. A waiting request holds no thread: it is
 * a suspended {@link AsyncResponse} parked here until a change or its timeout resumes it.
 */
@ApplicationScoped
public class JobWaiters {

    /** One suspended request: resume it once the job's version exceeds {@code afterVersion}. */
    private record Waiter(long afterVersion, AsyncResponse response, Function<Job, Object> answer) {
    }

    private final ConcurrentMap<String, Set<Waiter>> byJob = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /**
     * Parks a request. Returns false (and parks nothing) when {@code max} requests already wait.
     * The caller must re-check the store after parking: a change that landed just before is not
     * announced again.
     */
    boolean park(String jobId, long afterVersion, AsyncResponse response, Function<Job, Object> answer, int max) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return false;
        }
        Waiter waiter = new Waiter(afterVersion, response, answer);
        byJob.compute(jobId, (id, set) -> {
            Set<Waiter> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(waiter);
            return s;
        });
        // Whatever ends the request (change, timeout, client gone) unparks it.
        response.register((jakarta.ws.rs.container.CompletionCallback) error -> unpark(jobId, waiter));
        return true;
    }

    /**
     * Any change, local or from another node. Before application observers (as the hub is), so one
     * that throws cannot keep a waiting request from its answer.
     */
    void onChanged(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE + 2) JobChanged changed) {
        Job job = changed.job();
        Set<Waiter> waiters = byJob.get(job.jobId());
        if (waiters == null) {
            return;
        }
        for (Waiter w : waiters) {
            if (job.version() > w.afterVersion()) {
                w.response().resume(w.answer().apply(job));
            }
        }
    }

    public int waiting() {
        return count.get();
    }

    private void unpark(String jobId, Waiter waiter) {
        byJob.computeIfPresent(jobId, (id, set) -> {
            if (set.remove(waiter)) {
                count.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }
}
