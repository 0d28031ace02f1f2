package io.jobpulse.job.jdbc;

import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStore;
import io.jobpulse.job.Outcome;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: how many progress events per second {@link JdbcJobStore} sustains for running jobs
 * when a single producer posts batches one at a time as fast as the store answers (the figures in
 * docs/benchmarks.md, "PostgreSQL: HOT updates"). Starts {@code jobs} jobs in an empty database
 * (one commit per 100), then applies batches of {@code batch} progress events spread round-robin
 * over them for {@code seconds}, and prints events/s, milliseconds and CPU per batch (this JVM's,
 * and that of the PostgreSQL backends, read from /proc, so PostgreSQL must run on this machine) and
 * what the table costs afterwards: on PostgreSQL the updates that were HOT (no new index entries)
 * and the table and index sizes, on H2 the file size.
 *
 * <pre>
 * mvn -q -o -Dclient.skip=true test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * psql -h 127.0.0.1 -U postgres -c 'create database pgstore_exp'   # once; the tables must not exist yet
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.jobpulse.job.jdbc.StoreUpdateRate \
 *      'jdbc:postgresql://127.0.0.1:5432/pgstore_exp' 2000 100 60
 * java -cp ... io.jobpulse.job.jdbc.StoreUpdateRate 'jdbc:h2:/tmp/jp-rate/db;WRITE_DELAY=0;DB_CLOSE_DELAY=-1;PAGE_SIZE=2048' 2000 100 60
 * </pre>
 */
public final class StoreUpdateRate {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int jobs = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        DataSource db = StoreWriteCost.pool(url, 2);
        JobStore store = JdbcJobStore.open(db, Clock.systemUTC());
        String prefix = "rate-" + System.currentTimeMillis() + "-";
        List<JobEvent> starts = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            starts.add(JobEvent.started(prefix + j).forOwner("rate", null));
            if (starts.size() == 100 || j == jobs - 1) {
                store.applyAll(starts);
                starts = new ArrayList<>();
            }
        }
        System.out.printf("%d jobs started%s%n", jobs, size(db, url));
        long[] batchNanos = new long[seconds * 20_000];
        long cpuBefore = ownCpuNanos();
        long databaseCpuBefore = databaseCpuNanos(db, url);
        int batches = 0;
        long applied = 0;
        int next = 0;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long nextReport = start + 10_000_000_000L;
        for (long now = start; now < end; ) {
            List<JobEvent> events = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                // progress never goes back (that would be refused): it creeps up to 99, the message changes
                events.add(JobEvent.progress(prefix + next, (int) Math.min(99, applied / jobs), "step " + applied));
                next = (next + 1) % jobs;
                applied++;
            }
            for (Outcome outcome : store.applyAll(events)) {
                if (!(outcome instanceof Outcome.Applied)) {
                    throw new IllegalStateException("not applied: " + outcome);
                }
            }
            long after = System.nanoTime();
            if (batches < batchNanos.length) {
                batchNanos[batches] = after - now;
            }
            batches++;
            now = after;
            if (now >= nextReport) {
                System.out.printf("%3d s: %,d events%n", (now - start) / 1_000_000_000L, applied);
                nextReport += 10_000_000_000L;
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        double cpuMs = (ownCpuNanos() - cpuBefore) / 1e6 / batches;
        double databaseCpuMs = (databaseCpuNanos(db, url) - databaseCpuBefore) / 1e6 / batches;
        long[] sorted = Arrays.copyOf(batchNanos, Math.min(batches, batchNanos.length));
        Arrays.sort(sorted);
        System.out.printf("done: %,d events in %.1f s: %.0f events/s; ms per batch of %d: mean %.2f, p50 %.2f, p99 %.2f%n",
                applied, took, applied / took, batch, took * 1e3 / batches,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
        // CPU per batch says more than events/s on a machine shared with other work
        System.out.printf("CPU per batch: this JVM %.2f ms%s%n", cpuMs,
                url.startsWith("jdbc:h2:") ? " (H2 runs in it)" : String.format(", PostgreSQL backends %.2f ms", databaseCpuMs));
        System.out.println(size(db, url));
        System.exit(0);
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of the PostgreSQL backends serving this database (the pool's connections), from
     * /proc: the server must run on this machine.
     */
    private static long databaseCpuNanos(DataSource db, String url) throws SQLException, java.io.IOException {
        if (url.startsWith("jdbc:h2:")) {
            return 0;
        }
        long ticks = 0;
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
            while (rs.next()) {
                Path stat = Path.of("/proc", rs.getString(1), "stat");
                if (Files.exists(stat)) {
                    String[] fields = Files.readString(stat).replaceFirst(".*\\) ", "").split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);  // utime, stime
                }
            }
        }
        return ticks * 10_000_000L;  // USER_HZ = 100
    }

    private static String size(DataSource db, String url) throws Exception {
        if (url.startsWith("jdbc:h2:")) {
            Path file = Path.of(url.substring("jdbc:h2:".length()).replaceFirst(";.*", "") + ".mv.db");
            return String.format(", H2 file %.1f MB", Files.size(file) / 1048576.0);
        }
        return postgresStats(db);
    }

    /**
     * The table's update counters and sizes. Each backend reports its counters some time after its
     * transactions (PostgreSQL 15: at most every second while busy, within 10 s once idle), so this
     * waits that long, then until the counters stop moving.
     */
    private static String postgresStats(DataSource db) throws SQLException, InterruptedException {
        Thread.sleep(11_000);
        String stats = null;
        for (int i = 0; i < 30; i++) {
            String now;
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT n_tup_upd, n_tup_hot_upd, n_dead_tup, n_live_tup, "
                         + "pg_size_pretty(pg_relation_size(relid)), pg_size_pretty(pg_indexes_size(relid)), "
                         + "(SELECT reloptions FROM pg_class WHERE oid = relid) "
                         + "FROM pg_stat_user_tables WHERE relname = 'jobpulse_job' AND schemaname = current_schema()")) {
                rs.next();
                now = String.format(", updates %,d, HOT %,d (%.1f %%), dead %,d, live %,d; table %s, indexes %s, options %s",
                        rs.getLong(1), rs.getLong(2), 100.0 * rs.getLong(2) / Math.max(1, rs.getLong(1)),
                        rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7));
            }
            if (now.equals(stats)) {
                return stats;
            }
            stats = now;
            Thread.sleep(2000);
        }
        return stats;
    }
}
