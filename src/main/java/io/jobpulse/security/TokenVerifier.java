package io.jobpulse.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.jobpulse.job.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one verifier of bearer tokens, for every entry point: HTTP, the {@code /ws/jobs} handshake and
 * the Socket.IO CONNECT. Configured by the standard MicroProfile JWT 2.1 settings
 * ({@code mp.jwt.verify.publickey} or {@code .publickey.location}, {@code .issuer},
 * {@code .audiences}, {@code .publickey.algorithm}, {@code .clock.skew}, {@code .token.age}). On
 * unless {@code jobpulse.security.mode=open}; then the settings must add up ({@link SecurityMode}).
 * docs/security.md says why this is not Liberty's {@code mpJwt} feature: it logs unverified token
 * claims verbatim, and it cannot read tokens that arrive inside a socket.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class.getName());

    /** The MP JWT settings, as configured. */
    public record Settings(Optional<String> publicKey, Optional<String> location, Optional<String> issuer,
                           List<String> audiences, String algorithm, Duration clockSkew, Optional<Duration> tokenAge) {

        public boolean keyConfigured() {
            return publicKey.isPresent() || location.isPresent();
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final ConfigurableJWTProcessor<SecurityContext> processor;

    @Inject
    public TokenVerifier(@ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> publicKey,
                         @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location,
                         @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
                         @ConfigProperty(name = "mp.jwt.verify.audiences") Optional<List<String>> audiences,
                         @ConfigProperty(name = "mp.jwt.verify.publickey.algorithm") Optional<String> algorithm,
                         @ConfigProperty(name = "mp.jwt.verify.clock.skew") Optional<Long> clockSkewSeconds,
                         @ConfigProperty(name = "mp.jwt.verify.token.age") Optional<Long> tokenAgeSeconds,
                         @ConfigProperty(name = "jobpulse.security.mode", defaultValue = "secured") String mode,
                         @ConfigProperty(name = "jobpulse.security.check-audience", defaultValue = "true") boolean checkAudience) {
        this(checked(new Settings(publicKey.filter(s -> !s.isBlank()), location.filter(s -> !s.isBlank()),
                issuer.filter(s -> !s.isBlank()), audiences.orElse(List.of()), algorithm.orElse("RS256"),
                Duration.ofSeconds(clockSkewSeconds.orElse(60L)), tokenAgeSeconds.map(Duration::ofSeconds)),
                mode, checkAudience), Clock.systemUTC());
    }

    /** The settings, once {@link SecurityMode} agrees they add up (else the deployment stops). */
    private static Settings checked(Settings settings, String mode, boolean checkAudience) {
        if (SecurityMode.of(mode, settings, checkAudience) == SecurityMode.SECURED && "open".equalsIgnoreCase(mode.strip())) {
            LOG.warning("jobpulse.security.mode=open is ignored: a MicroProfile JWT key is configured, so tokens are required");
        }
        return settings;
    }

    /** Without CDI (unit tests). Fails at once on a key or algorithm that cannot be used. */
    public TokenVerifier(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.processor = settings.keyConfigured() ? processor(settings) : null;
    }

    /** For the CDI proxy only. */
    protected TokenVerifier() {
        this.settings = null;
        this.clock = null;
        this.processor = null;
    }

    private static ConfigurableJWTProcessor<SecurityContext> processor(Settings settings) {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(settings.algorithm());
        if (!JWSAlgorithm.Family.RSA.contains(algorithm) && !JWSAlgorithm.Family.EC.contains(algorithm)) {
            // HMAC would make the "public" key a shared secret; "none" would verify nothing.
            throw new IllegalStateException("mp.jwt.verify.publickey.algorithm must be an RSA or EC signature "
                    + "algorithm (RS256, ES256, ...)");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(VerificationKeys.selector(
                settings.publicKey().orElse(null), settings.location().orElse(null), algorithm));
        // Plain JWTs and RFC 9068 access tokens (Keycloak, Auth0 ... use either header type).
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        // The signature is checked here; the claims below, so each failure has its own reason.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        return processor;
    }

    /** Created at startup so a bad key stops the deployment, and so the mode is announced once. */
    void announce(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!enabled()) {
            LOG.warning("jobpulse SECURITY IS OFF (jobpulse.security.mode=open): every socket and HTTP call is "
                    + "accepted without a token and anyone who can reach this server can read every job and publish "
                    + "events. Fine for the local demo only (the HTTP port binds to localhost unless HTTP_HOST is set); "
                    + "remove the setting and configure mp.jwt.verify.* to secure it (docs/security.md).");
        } else {
            LOG.info("jobpulse security is on: tokens required on every socket and HTTP call (key from "
                    + (settings.publicKey().isPresent() ? "mp.jwt.verify.publickey" : "mp.jwt.verify.publickey.location")
                    + ", algorithm " + settings.algorithm() + ", issuer " + settings.issuer().orElse("not checked")
                    + ", audiences " + (settings.audiences().isEmpty() ? "not checked" : settings.audiences()) + ")");
        }
    }

    /** Whether tokens are required: exactly when a verification key is configured. */
    public boolean enabled() {
        return processor != null;
    }

    /** The token of an {@code Authorization} header value, which must use the Bearer scheme. */
    public static String bearer(String authorization) throws TokenRejected {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TokenRejected("use Authorization: Bearer <token>");
        }
        return authorization.substring(7);
    }

    /**
     * The caller a token authenticates. With security off every caller is {@link Caller#OPEN},
     * token or not; with security on a missing token is rejected like a bad one.
     */
    public Caller caller(String token) throws TokenRejected {
        if (!enabled()) {
            return Caller.OPEN;
        }
        if (token == null || token.isBlank()) {
            throw new TokenRejected("a bearer token is required");
        }
        JWTClaimsSet claims;
        try {
            if (!(JWTParser.parse(token.strip()) instanceof SignedJWT jwt)) {
                throw new TokenRejected("the token is not a signed JWT"); // e.g. "alg":"none"
            }
            claims = processor.process(jwt, null);
        } catch (ParseException e) {
            throw new TokenRejected("the token is not a signed JWT");
        } catch (BadJOSEException e) {
            throw new TokenRejected("the token signature is not valid (wrong key, algorithm or token type)");
        } catch (JOSEException e) {
            LOG.log(Level.WARNING, "Token verification failed on the server side (key source unavailable?)", e);
            throw new TokenRejected("the token could not be verified right now; try again later");
        }
        return caller(claims);
    }

    private Caller caller(JWTClaimsSet claims) throws TokenRejected {
        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new TokenRejected("the token has no expiry (exp)");
        }
        Instant expiresAt = exp.toInstant().plus(skew);
        if (!now.isBefore(expiresAt)) {
            throw new TokenRejected("token expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
            throw new TokenRejected("the token is not valid yet (nbf)");
        }
        if (settings.tokenAge().isPresent()) {
            Date iat = claims.getIssueTime();
            if (iat == null || now.minus(skew).isAfter(iat.toInstant().plus(settings.tokenAge().get()))) {
                throw new TokenRejected("the token is too old (iat)");
            }
        }
        if (settings.issuer().isPresent() && !settings.issuer().get().equals(claims.getIssuer())) {
            throw new TokenRejected("the token issuer is not accepted");
        }
        if (!settings.audiences().isEmpty()
                && (claims.getAudience() == null || claims.getAudience().stream().noneMatch(settings.audiences()::contains))) {
            throw new TokenRejected("the token audience is not accepted");
        }
        String subject = claims.getSubject();
        if (!Ids.isUserId(subject)) {
            throw new TokenRejected("the token subject (sub) is missing or not a valid user id");
        }
        return new Caller(subject, groups(claims), expiresAt);
    }

    /** MP JWT's {@code groups} claim: the caller's roles. */
    private static Set<String> groups(JWTClaimsSet claims) throws TokenRejected {
        Object groups = claims.getClaim("groups");
        if (groups == null) {
            return Set.of();
        }
        Set<String> roles = new HashSet<>();
        if (groups instanceof List<?> list) {
            for (Object g : list) {
                if (g instanceof String s) {
                    roles.add(s);
                }
            }
            return roles;
        }
        throw new TokenRejected("the token's groups claim must be an array of strings");
    }
}
