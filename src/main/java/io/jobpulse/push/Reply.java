package io.jobpulse.push;

import io.jobpulse.job.Job;

import java.util.List;

/** The answer to a client's subscribe or unsubscribe, before a wire format frames it. */
public sealed interface Reply {

    /** Accepted; {@code jobs} is the current state of what the subscription covers (empty for unsubscribe). */
    record Ok(List<Job> jobs) implements Reply {
    }

    /** Refused; {@code code} is one of the documented error codes, {@code message} says what to fix. */
    record Error(String code, String message) implements Reply {
    }

    static Error error(String code, String message) {
        return new Error(code, message);
    }
}
