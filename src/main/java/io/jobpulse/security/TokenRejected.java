package io.jobpulse.security;

/**
 * A token (or its absence) that does not authenticate anyone. The message is a fixed, short reason
 * ("token expired") meant for the client and the log: it never quotes the token or its claims.
 */
public final class TokenRejected extends Exception {

    public TokenRejected(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
