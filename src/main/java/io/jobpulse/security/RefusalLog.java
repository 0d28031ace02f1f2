package io.jobpulse.security;

import io.jobpulse.job.LogText;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Logs refused connections and requests (bad token, foreign origin, rate limit) so an operator sees
 * attacks and misconfigured clients, without letting a flood of them flood the log: at most
 * {@value #PER_MINUTE} lines a minute, then one line saying how many were left out. Client text is
 * escaped ({@link LogText#safe}); tokens are never logged, only the reason they were refused.
 */
@ApplicationScoped
public class RefusalLog {

    static final int PER_MINUTE = 20;
    private static final long MINUTE = 60_000_000_000L;
    private static final Logger LOG = Logger.getLogger(RefusalLog.class.getName());

    private final LongSupplier clock;
    private final AtomicLong windowStart;
    private final AtomicLong inWindow = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    public RefusalLog() {
        this(System::nanoTime);
    }

    RefusalLog(LongSupplier clock) {
        this.clock = clock;
        this.windowStart = new AtomicLong(clock.getAsLong());
    }

    /**
     * @param where  the entry point, e.g. {@code "GET /api/jobs/x"} or {@code "/socket.io/ CONNECT"}
     * @param client who, e.g. the remote address
     * @param reason why, a fixed text
     * @return whether a line was written
     */
    public boolean refused(String where, String client, String reason) {
        long now = clock.getAsLong();
        long start = windowStart.get();
        if (now - start >= MINUTE && windowStart.compareAndSet(start, now)) {
            inWindow.set(0);
            long left = suppressed.getAndSet(0);
            if (left > 0) {
                LOG.warning("jobpulse refused " + left + " more connections or requests in the last minute (not logged)");
            }
        }
        if (inWindow.incrementAndGet() > PER_MINUTE) {
            suppressed.incrementAndGet();
            return false;
        }
        LOG.info("jobpulse refused " + LogText.safe(where) + " from " + LogText.safe(client) + ": " + LogText.safe(reason));
        return true;
    }
}
