package io.jobpulse.bench.harness;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes progress events at a target rate, spread round-robin over all jobs so each job gets
 * {@code rate / jobs} events per second: either as HTTP ingest batches from this process, or by
 * asking the bench WAR's in-process producer to fire CDI events inside the server.
 */
interface Producer {

    /** Publishes for {@code seconds}; blocks until done and returns the events accepted. */
    long run(double seconds) throws IOException, InterruptedException;

    /**
     * {@code POST /api/jobs/events} with arrays of {@code batch} events, at most {@code inFlight}
     * requests at a time (1: a scheduler that waits for each answer, as the targets are stated).
     */
    record HttpIngest(Jobs jobs, HttpClient http, BenchServer server, int rate, int batch, int inFlight,
                      boolean eventIds, AnswerTimes answers) implements Producer {

        @Override
        public long run(double seconds) throws InterruptedException {
            AtomicLong applied = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            Semaphore requests = new Semaphore(inFlight);
            double batchesPerNano = (double) rate / batch / 1e9;
            long start = System.nanoTime();
            long duration = (long) (seconds * 1e9);
            long sent = 0;
            int next = 0;
            long now;
            while ((now = System.nanoTime()) - start < duration) {
                if (sent >= (long) ((now - start) * batchesPerNano)) {
                    LockSupport.parkNanos(100_000);
                    continue;
                }
                requests.acquire();
                StringBuilder body = new StringBuilder(batch * 80).append('[');
                long sentNanos = System.nanoTime();
                String sentAt = "m" + sentNanos;
                for (int i = 0; i < batch; i++) {
                    if (i > 0) {
                        body.append(',');
                    }
                    body.append("{\"jobId\":\"").append(jobs.id(next));
                    if (eventIds) {
                        // as a scheduler that retries would send: unique per event, so none is a replay
                        body.append("\",\"eventId\":\"e").append(sent * batch + i);
                    }
                    body
                            .append("\",\"type\":\"progress\",\"progress\":50,\"message\":\"").append(sentAt).append("\"}");
                    next = next + 1 == jobs.count() ? 0 : next + 1;
                }
                CompletableFuture<HttpResponse<String>> response = http.sendAsync(
                        HttpRequest.newBuilder(server.uri("/api/jobs/events")).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                response.whenComplete((r, e) -> {
                    answers.add(System.nanoTime() - sentNanos);
                    requests.release();
                    if (e != null || r.statusCode() != 202) {
                        failed.incrementAndGet();
                    } else {
                        applied.addAndGet(count(r.body(), "\"outcome\":\"applied\""));
                    }
                });
                sent++;
            }
            requests.acquire(inFlight);
            if (failed.get() > 0) {
                System.err.println("HTTP ingest: " + failed.get() + " requests failed");
            }
            return applied.get();
        }

        private static long count(String text, String needle) {
            long n = 0;
            for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
                n++;
            }
            return n;
        }
    }

    /**
     * How long the server took to answer each ingest request (from building its body to reading the
     * answer), for requests answered while measuring: the ingest side of the end-to-end latency.
     */
    final class AnswerTimes {
        private final Latencies times = new Latencies();
        private volatile boolean measuring;

        void measuring(boolean on) {
            measuring = on;
        }

        synchronized void add(long nanos) {
            if (measuring) {
                times.add(nanos);
            }
        }

        synchronized double[] percentilesMillis(double... percentiles) {
            return times.percentilesMillis(percentiles);
        }
    }

    /** The bench WAR's {@code POST /api/bench/produce}: CDI events fired in the server by its own threads. */
    record InProcess(Jobs jobs, HttpClient http, BenchServer server, int rate, int threads) implements Producer {

        @Override
        public long run(double seconds) throws IOException, InterruptedException {
            HttpResponse<String> r = jobs.post(server.uri("/api/bench/produce?prefix=" + jobs.prefix() + "&jobs="
                    + jobs.count() + "&rate=" + rate + "&seconds=" + seconds + "&threads=" + threads), "");
            if (r.statusCode() != 200) {
                throw new IOException("in-process producer failed (is the bench WAR deployed?): "
                        + r.statusCode() + " " + r.body());
            }
            String body = r.body();
            int i = body.indexOf("\"fired\":") + 8;
            int j = i;
            while (Character.isDigit(body.charAt(j))) {
                j++;
            }
            return Long.parseLong(body.substring(i, j));
        }
    }
}
