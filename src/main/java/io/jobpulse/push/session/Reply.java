package io.jobpulse.push.session;

import io.jobpulse.job.Job;

import java.util.List;

/** The answer to a client's subscribe or unsubscribe, before a wire format frames it. */
public sealed interface Reply {

    /**
     * Accepted. {@code jobs}: the current state of each covered job the client does not have yet
     * (empty for unsubscribe); {@code upToDate}: true when there was nothing newer to send.
     */
    record Ok(List<Job> jobs, boolean upToDate) implements Reply {
    }

    /** Refused; {@code code} is one of the documented error codes, {@code message} says what to fix. */
    record Error(String code, String message) implements Reply {
    }

    static Error error(String code, String message) {
        return new Error(code, message);
    }
}
