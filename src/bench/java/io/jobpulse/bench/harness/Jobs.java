package io.jobpulse.bench.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's jobs over the public HTTP API: {@code prefix-0 .. prefix-(count-1)}, owned by
 * users {@code prefix-u<i / 500>} (500 per user, so one listing returns all of a user's jobs).
 */
final class Jobs {

    static final int PER_USER = 500;
    private static final Pattern JOB_VERSION = Pattern.compile("\"jobId\":\"[^\"]*-(\\d+)\".*?\"version\":(\\d+)");

    private final HttpClient http;
    private final BenchServer server;
    private final String prefix;
    private final int count;

    Jobs(HttpClient http, BenchServer server, String prefix, int count) {
        this.http = http;
        this.server = server;
        this.prefix = prefix;
        this.count = count;
    }

    String prefix() {
        return prefix;
    }

    int count() {
        return count;
    }

    String id(int i) {
        return prefix + "-" + i;
    }

    String user(int i) {
        return prefix + "-u" + (i / PER_USER);
    }

    /** Creates every job (status running, version 1) through HTTP ingest, 1000 per request. */
    void create() throws IOException, InterruptedException {
        for (int from = 0; from < count; from += 1000) {
            StringBuilder body = new StringBuilder("[");
            for (int i = from; i < Math.min(count, from + 1000); i++) {
                if (i > from) {
                    body.append(',');
                }
                body.append("{\"jobId\":\"").append(id(i)).append("\",\"userId\":\"").append(user(i))
                        .append("\",\"type\":\"started\",\"jobType\":\"bench\"}");
            }
            HttpResponse<String> r = post(server.uri("/api/jobs/events"), body.append(']').toString());
            if (r.statusCode() != 202) {
                throw new IOException("creating jobs failed: " + r.statusCode() + " " + r.body());
            }
        }
    }

    /** Every job's current version, by index, read from the users' job listings. */
    long[] versions() throws IOException, InterruptedException {
        long[] versions = new long[count];
        for (int u = 0; u * PER_USER < count; u++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    server.uri("/api/jobs?limit=" + PER_USER + "&userId=" + prefix + "-u" + u)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = JOB_VERSION.matcher(r.body());
            while (m.find()) {
                versions[Integer.parseInt(m.group(1))] = Long.parseLong(m.group(2));
            }
        }
        return versions;
    }

    HttpResponse<String> post(URI uri, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
