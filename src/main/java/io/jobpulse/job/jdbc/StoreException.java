package io.jobpulse.job.jdbc;

/** The database could not be reached or refused a statement; the cause says why. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
