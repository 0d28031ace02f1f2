/**
 * Who may do what, and how much: the building blocks every entry point shares, and the filters that
 * apply them at the door.
 *
 * <ul>
 *   <li>{@link io.jobpulse.security.TokenVerifier} — the one verifier of bearer tokens (HTTP, the
 *       {@code /ws/jobs} handshake, Socket.IO CONNECT), configured by the standard MicroProfile JWT
 *       {@code mp.jwt.verify.*} settings. Security is on exactly when a key is configured; off, every
 *       caller is {@link io.jobpulse.security.Caller#OPEN} and a loud warning is logged at startup.</li>
 *   <li>{@link io.jobpulse.security.Caller} — the authenticated subject and its roles, and the rule:
 *       a user reads only their own jobs, {@code job-admin} reads all, {@code job-publisher} may
 *       ingest.</li>
 *   <li>{@link io.jobpulse.security.OriginPolicy} — which pages may open a WebSocket (cross-site
 *       WebSocket hijacking).</li>
 *   <li>{@link io.jobpulse.security.TokenBucket} / {@link io.jobpulse.security.RateLimiter} — rate
 *       limits; {@link io.jobpulse.security.JsonDepth} — refuses deep JSON before it is parsed;
 *       {@link io.jobpulse.security.RefusalLog} — logs refusals, escaped and rate-limited.</li>
 * </ul>
 *
 * <p>The filters: {@link io.jobpulse.security.Authentication} (JAX-RS: a {@code Caller} for every
 * {@code /api} request, roles enforced), {@link io.jobpulse.security.HandshakeGate} (servlet: a
 * socket's {@code Origin} and, on {@code /ws/jobs}, its token, checked before the upgrade) and
 * {@link io.jobpulse.security.SecurityHeaders} (browser hardening headers). The building blocks above
 * are free of HTTP and WebSocket types so each entry point applies them the same way; the filters
 * answer refusals as problem JSON from {@code io.jobpulse.http}, which never depends on this package.
 *
 * <p>Key decision (docs/security.md has the details): tokens are verified here with Nimbus JOSE+JWT
 * rather than by Liberty's {@code mpJwt} feature, which only sees HTTP headers (not a token inside a
 * Socket.IO CONNECT), needs a keystore it does not use, and logs the claims of unverified tokens
 * verbatim at ERROR level (forged log lines, log floods). The settings are the same standard keys.
 */
package io.jobpulse.security;
