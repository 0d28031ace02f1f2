package io.jobpulse.job.jdbc;

import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStore;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: how large an H2 database file grows under progress events, outside Liberty (the
 * figures in docs/benchmarks.md, "Embedded database size"). Starts {@code jobs} jobs in an empty database, then
 * applies {@code rate} progress events per second spread round-robin over them, {@code batch} events
 * per {@link JobStore#applyAll} call (one transaction each), for {@code seconds}, and prints the file
 * size, H2's fill rates and chunk count and the process CPU every {@code reportSeconds} (default 10).
 * With {@code maintainSeconds} above 0, {@link H2Compaction} (what the server runs every
 * {@code jobpulse.db.h2-compact-seconds}) runs on a thread of its own at that interval (default 0:
 * not at all).
 *
 * <pre>
 * mvn -q -o -Dclient.skip=true test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * rm -rf /tmp/jp-size
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.jobpulse.job.jdbc.StoreFileSize \
 *      'jdbc:h2:/tmp/jp-size/db;WRITE_DELAY=0;DB_CLOSE_DELAY=-1' 2000 1000 1 120
 * # jobs rate batch seconds [reportSeconds [maintainSeconds]]
 * </pre>
 */
public final class StoreFileSize {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int jobs = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int reportSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        int maintainSeconds = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        Path file = Path.of(url.substring("jdbc:h2:".length()).replaceFirst(";.*", "") + ".mv.db");
        DataSource db = StoreWriteCost.pool(url, 3);
        JobStore store = JdbcJobStore.open(db, Clock.systemUTC());
        ScheduledExecutorService maintainer = Executors.newSingleThreadScheduledExecutor();
        if (maintainSeconds > 0) {
            H2Compaction maintenance = H2Compaction.install(db).orElseThrow();
            maintainer.scheduleWithFixedDelay(() -> {
                try {
                    maintenance.run();
                } catch (Exception e) {
                    e.printStackTrace();
                }
            }, maintainSeconds, maintainSeconds, TimeUnit.SECONDS);
        }
        String prefix = "size-" + System.currentTimeMillis() + "-";
        for (int j = 0; j < jobs; j++) {
            store.apply(JobEvent.started(prefix + j).forOwner("size", null));
        }
        System.out.printf("%d jobs started: %.1f MB%n", jobs, mb(file));
        long start = System.nanoTime();
        long nanosPerBatch = 1_000_000_000L * batch / rate;
        long applied = 0;
        int next = 0;
        long nextReport = reportSeconds;
        long cpuStart = cpuNanos();
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
                System.out.printf("%3d s: %,d events, %.1f MB, %s, cpu %.1f s%n", nextReport, applied, mb(file),
                        info(db), (cpuNanos() - cpuStart) / 1e9);
                nextReport += reportSeconds;
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        System.out.printf("done: %,d events in %.0f s (%.0f/s), batches of %d: %.1f MB%n",
                applied, took, applied / took, batch, mb(file));
        maintainer.shutdownNow();
    }

    /** H2's own view of the file: blocks in use, live share of the chunks' bytes, chunks. */
    private static String info(DataSource db) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT SETTING_NAME, SETTING_VALUE"
                     + " FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN"
                     + " ('info.FILL_RATE', 'info.CHUNKS_FILL_RATE', 'info.CHUNK_COUNT') ORDER BY 1")) {
            while (rs.next()) {
                out.append(rs.getString(1).substring(5).toLowerCase()).append('=').append(rs.getString(2)).append(' ');
            }
        }
        return out.toString().trim();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double mb(Path file) throws java.io.IOException {
        return Files.size(file) / 1048576.0;
    }
}
