package io.jobpulse.job.jdbc;

import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: how large an H2 database file grows under progress events, outside Liberty (the
 * figures in docs/benchmarks.md, "H2 file size"). Starts {@code jobs} jobs in an empty database, then
 * applies {@code rate} progress events per second spread round-robin over them, {@code batch} events
 * per {@link JobStore#applyAll} call (one transaction each), for {@code seconds}, and prints the file
 * size every 10 s.
 *
 * <pre>
 * mvn -q -o -Dclient.skip=true test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * rm -rf /tmp/jp-size
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.jobpulse.job.jdbc.StoreFileSize \
 *      'jdbc:h2:/tmp/jp-size/db;WRITE_DELAY=0;DB_CLOSE_DELAY=-1' 2000 1000 1 120
 * </pre>
 */
public final class StoreFileSize {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int jobs = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        Path file = Path.of(url.substring("jdbc:h2:".length()).replaceFirst(";.*", "") + ".mv.db");
        JobStore store = JdbcJobStore.open(StoreWriteCost.pool(url, 2), Clock.systemUTC());
        String prefix = "size-" + System.currentTimeMillis() + "-";
        for (int j = 0; j < jobs; j++) {
            store.apply(JobEvent.started(prefix + j).forOwner("size", null));
        }
        System.out.printf("%d jobs started: %.1f MB%n", jobs, mb(file));
        long start = System.nanoTime();
        long nanosPerBatch = 1_000_000_000L * batch / rate;
        long applied = 0;
        int next = 0;
        long nextReport = 10;
        for (long b = 0; ; b++) {
            long due = start + b * nanosPerBatch;
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            if (now - start >= seconds * 1_000_000_000L) {
                break;
            }
            List<JobEvent> events = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                events.add(JobEvent.progress(prefix + next, (int) (applied / jobs % 100), "step " + applied));
                next = (next + 1) % jobs;
                applied++;
            }
            store.applyAll(events);
            if ((now - start) / 1_000_000_000L >= nextReport) {
                System.out.printf("%3d s: %,d events, %.1f MB%n", nextReport, applied, mb(file));
                nextReport += 10;
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        System.out.printf("done: %,d events in %.0f s (%.0f/s), batches of %d: %.1f MB%n",
                applied, took, applied / took, batch, mb(file));
    }

    private static double mb(Path file) throws java.io.IOException {
        return Files.size(file) / 1048576.0;
    }
}
