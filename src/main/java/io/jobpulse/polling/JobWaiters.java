package io.jobpulse.polling;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobChanged;
import io.jobpulse.job.JobsPurged;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.CompletionCallback;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Long-poll requests waiting for a job to pass a version. A waiting request holds no thread: it is
 * a suspended {@link AsyncResponse} parked here until a change, a purge or its timeout resumes it.
 * Places are limited in all and per client, so one user cannot take every place.
 */
@ApplicationScoped
public class JobWaiters {

    /**
     * Who waits and how to answer them.
     *
     * @param client  whose places it takes (a user, or an address when there is none)
     * @param mayRead the caller's read rights, checked again when a change answers: a job purged
     *                and then created again under the same id may belong to someone else
     * @param answer  the answer to a change past the version
     * @param gone    the answer when the job was purged or may no longer be read (a 404)
     */
    public record Poller(String client, Predicate<Job> mayRead, Function<Job, Object> answer, Supplier<Object> gone) {
    }

    /** What {@link #park} did. */
    public enum Parked { PARKED, FULL, CLIENT_FULL }

    private record Waiter(long afterVersion, AsyncResponse response, Poller poller) {
    }

    private final ConcurrentMap<String, Set<Waiter>> byJob = new ConcurrentHashMap<>();
    /** Places taken per client; a client with none has no entry. */
    private final ConcurrentMap<String, Integer> byClient = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /**
     * Parks a request unless {@code max} requests in all, or {@code maxPerClient} of its client,
     * already wait (then parks nothing). The caller must re-check the store after parking: a
     * change that landed just before is not announced again.
     */
    Parked park(String jobId, long afterVersion, AsyncResponse response, Poller poller, int max, int maxPerClient) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return Parked.FULL;
        }
        if (!takePlace(poller.client(), maxPerClient)) {
            count.decrementAndGet();
            return Parked.CLIENT_FULL;
        }
        Waiter waiter = new Waiter(afterVersion, response, poller);
        byJob.compute(jobId, (id, set) -> {
            Set<Waiter> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(waiter);
            return s;
        });
        // Whatever ends the request (change, timeout, client gone) unparks it.
        response.register((CompletionCallback) error -> unpark(jobId, waiter));
        return Parked.PARKED;
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
            if (!w.poller().mayRead().test(job)) {
                w.response().resume(w.poller().gone().get());
            } else if (job.version() > w.afterVersion()) {
                w.response().resume(w.poller().answer().apply(job));
            }
        }
    }

    /** Purged jobs: their waiters are answered as gone and their places freed at once. */
    void onPurged(@Observes JobsPurged purged) {
        for (String jobId : purged.jobIds()) {
            Set<Waiter> waiters = byJob.remove(jobId);
            if (waiters != null) {
                for (Waiter w : waiters) {
                    release(w);
                    w.response().resume(w.poller().gone().get());
                }
            }
        }
    }

    public int waiting() {
        return count.get();
    }

    /** Places {@code client} takes now. */
    int waiting(String client) {
        return byClient.getOrDefault(client, 0);
    }

    private boolean takePlace(String client, int max) {
        boolean[] taken = {false};
        byClient.compute(client, (c, n) -> {
            int held = n == null ? 0 : n;
            if (held >= max) {
                return n;
            }
            taken[0] = true;
            return held + 1;
        });
        return taken[0];
    }

    private void release(Waiter waiter) {
        count.decrementAndGet();
        byClient.computeIfPresent(waiter.poller().client(), (c, n) -> n <= 1 ? null : n - 1);
    }

    private void unpark(String jobId, Waiter waiter) {
        byJob.computeIfPresent(jobId, (id, set) -> {
            if (set.remove(waiter)) {
                release(waiter);
            }
            return set.isEmpty() ? null : set;
        });
    }
}
