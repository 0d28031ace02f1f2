package io.jobpulse.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * A test identity provider: an RSA key pair made when the tests run (no private key is ever
 * committed), the public half as PEM for the server's {@code mp.jwt.verify.publickey}, and tokens
 * signed with it, or deliberately wrong ones.
 */
public final class TestTokens {

    public static final String ISSUER = "https://idp.jobpulse.test/realms/test";
    public static final String AUDIENCE = "jobpulse";

    private final RSAKey key;
    private final RSAKey stranger;

    private TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test").generate();
            stranger = new RSAKeyGenerator(2048).keyID("test").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One provider per test JVM, so every IT class trusts the same key. */
    private static final TestTokens SHARED = new TestTokens();

    public static TestTokens shared() {
        return SHARED;
    }

    public static TestTokens fresh() {
        return new TestTokens();
    }

    /** The public key as PEM, one line per 64 characters (a {@code .properties} value needs {@code \n} escapes). */
    public String publicKeyPem() {
        try {
            return "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAKey publicJwk() {
        return key.toPublicJWK();
    }

    /** A valid token for {@code subject}, one hour long, with these groups. */
    public String token(String subject, String... groups) {
        return forUser(subject).groups(groups).sign();
    }

    public Spec forUser(String subject) {
        return new Spec(subject);
    }

    /** What goes into one token; every part can be made wrong. */
    public final class Spec {
        private String subject;
        private List<String> groups = List.of();
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        private Instant notBefore;
        private boolean strangerSigns;

        private Spec(String subject) {
            this.subject = subject;
        }

        public Spec groups(String... groups) {
            this.groups = List.of(groups);
            return this;
        }

        public Spec issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Spec audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Spec expiresIn(Duration ttl) {
            this.expiresAt = Instant.now().plus(ttl);
            return this;
        }

        public Spec expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Spec notBefore(Instant notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        /** Signed by another key than the one the server trusts (same key id). */
        public Spec signedByAStranger() {
            this.strangerSigns = true;
            return this;
        }

        public String sign() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .subject(subject).issuer(issuer).audience(audience).issueTime(new Date())
                    .claim("upn", subject).claim("groups", groups);
            if (expiresAt != null) {
                claims.expirationTime(Date.from(expiresAt));
            }
            if (notBefore != null) {
                claims.notBeforeTime(Date.from(notBefore));
            }
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test")
                        .type(com.nimbusds.jose.JOSEObjectType.JWT).build(), claims.build());
                jwt.sign(new RSASSASigner(strangerSigns ? stranger : key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
