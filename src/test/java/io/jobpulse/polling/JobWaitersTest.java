package io.jobpulse.polling;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobChanged;
import io.jobpulse.job.JobStatus;
import io.jobpulse.job.JobsPurged;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.CompletionCallback;
import jakarta.ws.rs.container.TimeoutHandler;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parked long-polls and what wakes them, without a container. */
class JobWaitersTest {

    final JobWaiters waiters = new JobWaiters();

    static Job job(String jobId, long version) {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        return new Job(jobId, "u", null, JobStatus.RUNNING, 10, null, null, null, version, t, t);
    }

    static JobWaiters.Poller poller(String user) {
        return new JobWaiters.Poller("user " + user, job -> job.userId().equals(user), j -> "v" + j.version(), () -> "gone");
    }

    boolean park(String jobId, long afterVersion, Request request, int max) {
        return waiters.park(jobId, afterVersion, request, poller("u"), max, max) == JobWaiters.Parked.PARKED;
    }

    @Test
    void aChangePastTheVersionAnswersTheWaitersOfThatJobOnly() {
        Request behind = new Request();
        Request ahead = new Request();
        Request other = new Request();
        park("a", 1, behind, 10);
        park("a", 3, ahead, 10);
        park("b", 1, other, 10);

        waiters.onChanged(new JobChanged(job("a", 2)));

        assertEquals("v2", behind.answer);
        assertNull(ahead.answer, "version 2 is not past 3");
        assertNull(other.answer);
        assertEquals(2, waiters.waiting(), "an answered request is unparked");
    }

    @Test
    void aChangeFromAnotherNodeWakesThemAlike() {
        Request request = new Request();
        park("a", 1, request, 10);
        waiters.onChanged(new JobChanged(job("a", 5), true));
        assertEquals("v5", request.answer);
        assertEquals(0, waiters.waiting());
    }

    @Test
    void atMostMaxRequestsWaitAndAnEndedOneFreesItsPlace() {
        Request first = new Request();
        assertTrue(park("a", 1, first, 1));
        assertFalse(park("a", 1, new Request(), 1), "full");
        first.end(); // timed out or the client went away
        assertEquals(0, waiters.waiting());
        assertTrue(park("a", 1, new Request(), 1));
    }

    @Test
    void oneUserCannotTakeEveryPlace() {
        Request first = new Request();
        assertEquals(JobWaiters.Parked.PARKED, waiters.park("a", 1, first, poller("u"), 100, 2));
        assertEquals(JobWaiters.Parked.PARKED, waiters.park("b", 1, new Request(), poller("u"), 100, 2));
        assertEquals(JobWaiters.Parked.CLIENT_FULL, waiters.park("c", 1, new Request(), poller("u"), 100, 2));
        assertEquals(JobWaiters.Parked.PARKED, waiters.park("c", 1, new Request(), poller("v"), 100, 2), "another user");
        assertEquals(3, waiters.waiting(), "a refused request takes no place");
        first.end();
        assertEquals(1, waiters.waiting("user u"));
        assertEquals(JobWaiters.Parked.PARKED, waiters.park("c", 1, new Request(), poller("u"), 100, 2));
        assertEquals(JobWaiters.Parked.FULL, waiters.park("d", 1, new Request(), poller("w"), 3, 2));
    }

    @Test
    void aPurgeAnswersTheJobsWaitersAsGoneAndFreesTheirPlaces() {
        Request purged = new Request();
        Request other = new Request();
        waiters.park("a", 1, purged, poller("u"), 10, 10);
        waiters.park("b", 1, other, poller("u"), 10, 10);

        waiters.onPurged(new JobsPurged(List.of("a")));

        assertEquals("gone", purged.answer);
        assertNull(other.answer);
        assertEquals(1, waiters.waiting());
        assertEquals(1, waiters.waiting("user u"));
        waiters.onChanged(new JobChanged(job("a", 2)));
        assertEquals("gone", purged.answer, "answered once");
    }

    @Test
    void aChangeTheWaiterMayNotReadAnswersGoneNotTheJob() {
        Request request = new Request();
        waiters.park("a", 1, request, poller("ann"), 10, 10);
        waiters.onChanged(new JobChanged(job("a", 2))); // owned by "u": the id was reused by someone else
        assertEquals("gone", request.answer);
        assertEquals(0, waiters.waiting());
    }

    /** A suspended JAX-RS request as the container hands it over: resumed once, then complete. */
    static final class Request implements AsyncResponse {
        Object answer;
        boolean done;
        final List<CompletionCallback> callbacks = new ArrayList<>();

        void end() {
            done = true;
            callbacks.forEach(c -> c.onComplete(null));
        }

        @Override
        public boolean resume(Object response) {
            if (done) {
                return false;
            }
            answer = response;
            end();
            return true;
        }

        @Override
        public boolean resume(Throwable response) {
            return resume((Object) response);
        }

        @Override
        public boolean cancel() {
            return resume((Object) "cancelled");
        }

        @Override
        public boolean cancel(int retryAfter) {
            return cancel();
        }

        @Override
        public boolean cancel(Date retryAfter) {
            return cancel();
        }

        @Override
        public boolean isSuspended() {
            return !done;
        }

        @Override
        public boolean isCancelled() {
            return "cancelled".equals(answer);
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public boolean setTimeout(long time, TimeUnit unit) {
            return true;
        }

        @Override
        public void setTimeoutHandler(TimeoutHandler handler) {
        }

        @Override
        public Collection<Class<?>> register(Class<?> callback) {
            throw new UnsupportedOperationException("register an instance");
        }

        @Override
        public Map<Class<?>, Collection<Class<?>>> register(Class<?> callback, Class<?>... callbacks) {
            throw new UnsupportedOperationException("register an instance");
        }

        @Override
        public Collection<Class<?>> register(Object callback) {
            callbacks.add((CompletionCallback) callback);
            return List.of(CompletionCallback.class);
        }

        @Override
        public Map<Class<?>, Collection<Class<?>>> register(Object callback, Object... callbacks) {
            register(callback);
            for (Object c : callbacks) {
                register(c);
            }
            return Map.of();
        }
    }
}
