package io.jobpulse.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Conditional polling with wrk: {@code GET /api/jobs/{id}} with the current ETag, answered 304. */
final class PollLoad {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern BAD = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private PollLoad() {
    }

    /** Runs wrk and adds its figures to {@code report}. */
    static void run(String url, String etag, int threads, int connections, int seconds, Report report)
            throws IOException, InterruptedException {
        List<String> cmd = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                "-H", "If-None-Match: " + etag, url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("wrk failed: " + out);
        }
        report.put("requestsPerSec", Double.parseDouble(find(RATE, out, "0")));
        report.put("requests", Long.parseLong(find(TOTAL, out, "0")));
        report.put("non2xx3xx", Long.parseLong(find(BAD, out, "0")));
        Matcher e = ERRORS.matcher(out);
        long errors = 0;
        if (e.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(e.group(i));
            }
        }
        report.put("socketErrors", errors);
        for (String pct : List.of("50", "99")) {
            Matcher m = Pattern.compile("\\s" + pct + "%\\s+([0-9.]+)(us|ms|s)").matcher(out);
            if (m.find()) {
                double v = Double.parseDouble(m.group(1));
                double ms = switch (m.group(2)) {
                    case "us" -> v / 1000;
                    case "s" -> v * 1000;
                    default -> v;
                };
                report.put("latencyP" + pct + "Ms", ms);
            }
        }
    }

    private static String find(Pattern p, String text, String fallback) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : fallback;
    }
}
