package io.jobpulse.bench.server;

import io.jobpulse.job.JobEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code POST /api/bench/produce?prefix=p&jobs=10000&rate=50000&seconds=40&threads=2}: fires progress
 * events for the jobs {@code prefix-0 .. prefix-(jobs-1)} (created beforehand) as CDI events, the way
 * application code does, spread evenly: {@code rate} events per second round-robin over the jobs.
 * Each thread owns the jobs {@code i % threads == t}, so one job's events are fired in order.
 * Each event's message is {@code m<System.nanoTime()>} at firing, so a client on the same machine
 * (same monotonic clock) measures the end-to-end latency. Answers when done.
 */
@Path("/bench")
@ApplicationScoped
public class ProducerResource {

    @Inject
    Event<JobEvent> events;

    @POST
    @Path("/produce")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject produce(@QueryParam("prefix") String prefix, @QueryParam("jobs") int jobs,
                              @QueryParam("rate") int rate, @QueryParam("seconds") double seconds,
                              @QueryParam("threads") @DefaultValue("1") int threads) throws InterruptedException {
        if (prefix == null || jobs < 1 || rate < 1 || seconds <= 0 || threads < 1 || threads > jobs) {
            throw new BadRequestException("prefix, jobs >= threads >= 1, rate >= 1 and seconds > 0 are required");
        }
        long durationNanos = (long) (seconds * 1e9);
        Pacer[] pacers = new Pacer[threads];
        List<Thread> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pacers[t] = new Pacer(prefix, jobs, t, threads, (double) rate / threads, start, durationNanos);
            Thread thread = new Thread(pacers[t], "bench-producer-" + t);
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }
        long fired = 0;
        long maxBehind = 0;
        for (Pacer p : pacers) {
            fired += p.fired;
            maxBehind = Math.max(maxBehind, p.maxBehind);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return Json.createObjectBuilder().add("fired", fired).add("seconds", elapsed)
                .add("rate", fired / elapsed).add("maxBehindEvents", maxBehind).build();
    }

    /** One producer thread: fires what is due, then parks ~100 µs. */
    private final class Pacer implements Runnable {
        private final String[] ids;
        private final double perNano;
        private final long start;
        private final long duration;
        long fired;
        long maxBehind;

        Pacer(String prefix, int jobs, int t, int threads, double perSecond, long start, long duration) {
            List<String> mine = new ArrayList<>();
            for (int i = t; i < jobs; i += threads) {
                mine.add(prefix + "-" + i);
            }
            this.ids = mine.toArray(String[]::new);
            this.perNano = perSecond / 1e9;
            this.start = start;
            this.duration = duration;
        }

        @Override
        public void run() {
            int next = 0;
            long now;
            while ((now = System.nanoTime()) - start < duration) {
                long due = (long) ((now - start) * perNano);
                maxBehind = Math.max(maxBehind, due - fired);
                while (fired < due) {
                    events.fire(JobEvent.progress(ids[next], 50, "m" + System.nanoTime()));
                    next = next + 1 == ids.length ? 0 : next + 1;
                    fired++;
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }
}
