package io.jobpulse.security;

import io.jobpulse.job.LogText;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Logs refused connections and requests (bad token, foreign origin, rate limit) so an operator sees
 * attacks and misconfigured clients, without letting a flood of them flood the log: at most
 * {@value #PER_SOURCE_PER_MINUTE} lines a minute per client and {@value #PER_MINUTE} in all, then one
 * line saying how many were left out. The budget per client means one noisy client cannot use up the
 * lines another client's attempts need. Client text is escaped ({@link LogText#safe}); tokens are
 * never logged, only the reason they were refused.
 */
@ApplicationScoped
public class RefusalLog {

    static final int PER_MINUTE = 100;
    static final int PER_SOURCE_PER_MINUTE = 5;
    /** Clients counted in one minute; past this, further new clients share one budget. */
    static final int MAX_SOURCES = 10_000;
    private static final String OTHERS = "";
    private static final long MINUTE = 60_000_000_000L;
    private static final Logger LOG = Logger.getLogger(RefusalLog.class.getName());

    private final LongSupplier clock;
    private final Map<String, Integer> perSource = new HashMap<>();
    private long windowStart;
    private int inWindow;
    private long suppressed;

    public RefusalLog() {
        this(System::nanoTime);
    }

    RefusalLog(LongSupplier clock) {
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    /**
     * @param where  the entry point, e.g. {@code "GET /api/jobs/x"} or {@code "/socket.io/ CONNECT"}
     * @param client who, e.g. the remote address
     * @param reason why, a fixed text
     * @return whether a line was written
     */
    public boolean refused(String where, String client, String reason) {
        synchronized (this) {
            long now = clock.getAsLong();
            if (now - windowStart >= MINUTE) {
                windowStart = now;
                inWindow = 0;
                perSource.clear();
                if (suppressed > 0) {
                    LOG.warning("jobpulse refused " + suppressed + " more connections or requests in the last minute (not logged)");
                }
                suppressed = 0;
            }
            String source = perSource.size() < MAX_SOURCES || perSource.containsKey(client) ? client : OTHERS;
            int fromSource = perSource.merge(source, 1, Integer::sum);
            if (fromSource > PER_SOURCE_PER_MINUTE || ++inWindow > PER_MINUTE) {
                suppressed++;
                return false;
            }
        }
        LOG.info("jobpulse refused " + LogText.safe(where) + " from " + LogText.safe(client) + ": " + LogText.safe(reason));
        return true;
    }
}
