package io.jobpulse.security;

import io.jobpulse.job.Job;

import java.security.Principal;
import java.time.Instant;
import java.util.Set;

/**
 * Who is on the other end of a request or a socket, and the one place that says what they may see:
 * their own jobs, every job with the {@value #ADMIN} role. With security off every caller is
 * {@link #OPEN} (the demo mode: everyone may see and publish everything).
 *
 * @param userId    the token's subject, which is the {@code userId} of the caller's jobs; null for
 *                  {@link #OPEN} and {@link #NOBODY}
 * @param roles     the token's {@code groups}
 * @param expiresAt when the credentials stop being valid (clock skew included); null for never
 */
public record Caller(String userId, Set<String> roles, Instant expiresAt) implements Principal {

    /** May read every job and subscribe to every user. */
    public static final String ADMIN = "job-admin";
    /** May report job events over HTTP ingest. */
    public static final String PUBLISHER = "job-publisher";

    /** Security is off: anyone may do anything (the demo mode, announced loudly at startup). */
    public static final Caller OPEN = new Caller(null, Set.of(ADMIN, PUBLISHER), null);

    /** Not authenticated (yet): may see nothing. A socket starts as this until it proves who it is. */
    public static final Caller NOBODY = new Caller(null, Set.of(), null);

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether this caller may see {@code job}, by polling, snapshot or push. */
    public boolean mayRead(Job job) {
        return isAdmin() || userId != null && userId.equals(job.userId());
    }

    /** Whether this caller may watch (subscribe to, list) every job of {@code owner}. */
    public boolean mayWatch(String owner) {
        return isAdmin() || userId != null && userId.equals(owner);
    }

    /** Whether the credentials have run out at {@code now}. */
    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    @Override
    public String getName() {
        return userId != null ? userId : this == OPEN ? "anonymous (security off)" : "nobody";
    }
}
