package io.jobpulse.job.jdbc;

import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStore;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.PooledConnection;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * Not a test: the loop behind the write-cost numbers in docs/cluster.md. Applies progress events
 * through {@link JdbcJobStore} from N threads (one job each, as producers of different jobs would),
 * over a small connection pool like Liberty's, and prints events per second.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.jobpulse.job.jdbc.StoreWriteCost \
 *      'jdbc:h2:/tmp/jp-cost/db;WRITE_DELAY=0;DB_CLOSE_DELAY=-1' 4 20000
 * </pre>
 * For PostgreSQL pass a {@code jdbc:postgresql:} URL (user postgres); it runs in the schema the URL names.
 */
public final class StoreWriteCost {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int threads = Integer.parseInt(args[1]);
        int events = Integer.parseInt(args[2]);
        JobStore store = JdbcJobStore.open(pool(url, threads), Clock.systemUTC());
        for (int round = 1; round <= 2; round++) {  // the first round warms up the JIT and the database
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String jobId = "cost-" + System.nanoTime() + "-" + t;
                store.apply(JobEvent.started(jobId).forOwner("cost", null));
                done.add(pool.submit(() -> {
                    for (int i = 0; i < events / threads; i++) {
                        store.apply(JobEvent.progress(jobId, i * 100 / events, "step " + i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %d threads, %d events: %.0f events/s, %.0f us per event per thread%n",
                    round, threads, events, events / seconds, seconds * 1e6 * threads / events);
            pool.shutdown();
        }
    }

    /** A small pool of physical connections to {@code url} (H2 or PostgreSQL), as Liberty's would be. */
    static DataSource pool(String url, int size) throws SQLException {
        return new Pool(source(url), size);
    }

    private static ConnectionPoolDataSource source(String url) {
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser("jobpulse");
            h2.setPassword("jobpulse");
            return h2;
        }
        PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
        pg.setURL(url);
        pg.setUser("postgres");
        return pg;
    }

    /** Just enough of a pool: physical connections are reused, as Liberty's pool reuses them. */
    private static final class Pool implements DataSource {
        private final BlockingQueue<PooledConnection> idle;

        Pool(ConnectionPoolDataSource source, int size) throws SQLException {
            idle = new ArrayBlockingQueue<>(size + 1);
            for (int i = 0; i <= size; i++) {
                idle.add(source.getPooledConnection());
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            PooledConnection pooled;
            try {
                pooled = idle.take();
            } catch (InterruptedException e) {
                throw new SQLException(e);
            }
            pooled.addConnectionEventListener(new javax.sql.ConnectionEventListener() {
                @Override
                public void connectionClosed(javax.sql.ConnectionEvent event) {
                    pooled.removeConnectionEventListener(this);
                    idle.add(pooled);
                }

                @Override
                public void connectionErrorOccurred(javax.sql.ConnectionEvent event) {
                    connectionClosed(event);
                }
            });
            return pooled.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
