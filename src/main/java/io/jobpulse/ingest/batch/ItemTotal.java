package io.jobpulse.ingest.batch;

/**
 * How a chunk step's reader tells the jobpulse listener how much work there is: put one in the
 * step's transient user data when the reader opens, e.g.
 * {@code stepContext.setTransientUserData(new ItemTotal(rows, resumedAt))}.
 *
 * <p>{@code alreadyProcessed} is where a restarted reader resumes (its checkpoint), so progress
 * continues from there instead of counting the restarted execution from zero. Without an
 * {@code ItemTotal} the listener falls back to the {@code jobpulse.total} job parameter.
 *
 * @param total            items the step will process in all, at least 1
 * @param alreadyProcessed items processed by earlier executions of this job instance
 */
public record ItemTotal(long total, long alreadyProcessed) {

    public ItemTotal {
        if (total < 1 || alreadyProcessed < 0) {
            throw new IllegalArgumentException("total must be positive and alreadyProcessed not negative");
        }
    }

    public ItemTotal(long total) {
        this(total, 0);
    }

    /** Whole percent done after {@code processedNow} more items, never above 100. */
    int percent(long processedNow) {
        long done = alreadyProcessed + processedNow;
        return (int) Math.min(100, done * 100 / total);
    }

    long done(long processedNow) {
        return alreadyProcessed + processedNow;
    }
}
