package io.jobpulse.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenVerifierTest {

    final TestTokens idp = TestTokens.fresh();

    TokenVerifier verifier(String publicKey) {
        return verifier(publicKey, Duration.ZERO);
    }

    TokenVerifier verifier(String publicKey, Duration skew) {
        return new TokenVerifier(new TokenVerifier.Settings(Optional.of(publicKey), Optional.empty(),
                Optional.of(TestTokens.ISSUER), List.of(TestTokens.AUDIENCE), "RS256", skew, Optional.empty()),
                Clock.systemUTC());
    }

    String rejection(TokenVerifier verifier, String token) {
        return assertThrows(TokenRejected.class, () -> verifier.caller(token)).reason();
    }

    @Test
    void aValidTokenAuthenticatesItsSubjectWithItsGroupsAsRoles() throws TokenRejected {
        Caller caller = verifier(idp.publicKeyPem()).caller(idp.token("alice", Caller.ADMIN, "other"));
        assertEquals("alice", caller.userId());
        assertEquals(Set.of(Caller.ADMIN, "other"), caller.roles());
        assertTrue(caller.isAdmin());
        assertTrue(caller.expiresAt().isAfter(Instant.now().plus(Duration.ofMinutes(59))));
    }

    @Test
    void eachBadTokenIsRefusedWithItsOwnReasonAndNeverItsContent() {
        TokenVerifier verifier = verifier(idp.publicKeyPem());
        assertEquals("a bearer token is required", rejection(verifier, null));
        assertEquals("the token is not a signed JWT", rejection(verifier, "not-a-jwt"));
        assertTrue(rejection(verifier, idp.forUser("alice").signedByAStranger().sign()).contains("signature"));
        assertEquals("token expired", rejection(verifier, idp.forUser("alice").expiresIn(Duration.ofSeconds(-5)).sign()));
        assertEquals("the token issuer is not accepted", rejection(verifier, idp.forUser("alice").issuer("https://evil\n").sign()));
        assertEquals("the token audience is not accepted", rejection(verifier, idp.forUser("alice").audience("other-app").sign()));
        assertEquals("the token has no expiry (exp)", rejection(verifier, idp.forUser("alice").expiresAt(null).sign()));
        assertTrue(rejection(verifier, idp.forUser(null).sign()).contains("subject"));
        assertTrue(rejection(verifier, idp.forUser("has space").sign()).contains("subject"));
        assertTrue(rejection(verifier, idp.forUser("alice").notBefore(Instant.now().plusSeconds(600)).sign()).contains("nbf"));
    }

    @Test
    void unsignedAndHmacTokensAreRefused() throws Exception {
        TokenVerifier verifier = verifier(idp.publicKeyPem());
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("alice").issuer(TestTokens.ISSUER)
                .audience(TestTokens.AUDIENCE).expirationTime(new Date(System.currentTimeMillis() + 60_000)).build();
        assertEquals("the token is not a signed JWT", rejection(verifier, new PlainJWT(claims).serialize()));
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        // the attacker's guess: sign with the public key as an HMAC secret (algorithm confusion)
        hmac.sign(new MACSigner(idp.publicKeyPem().repeat(2).getBytes(StandardCharsets.UTF_8)));
        assertTrue(rejection(verifier, hmac.serialize()).contains("signature"));
    }

    @Test
    void clockSkewForgivesAFreshlyExpiredTokenAndIsPartOfItsExpiry() throws TokenRejected {
        String justExpired = idp.forUser("alice").expiresIn(Duration.ofSeconds(-5)).sign();
        Caller caller = verifier(idp.publicKeyPem(), Duration.ofSeconds(60)).caller(justExpired);
        assertFalse(caller.expired(Instant.now()));
        assertTrue(caller.expired(Instant.now().plusSeconds(60)));
    }

    @Test
    void theKeyMayBePemBareBase64OrAJwkSet() throws Exception {
        String token = idp.token("alice");
        String pem = idp.publicKeyPem();
        String bare = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        String jwks = new JWKSet(idp.publicJwk()).toString();
        String jwksBase64Url = Base64.getUrlEncoder().withoutPadding().encodeToString(jwks.getBytes(StandardCharsets.UTF_8));
        for (String key : List.of(pem, bare, jwks, idp.publicJwk().toJSONString(), jwksBase64Url)) {
            assertEquals("alice", verifier(key).caller(token).userId(), key);
        }
    }

    @Test
    void unusableKeySettingsStopTheDeploymentInsteadOfOpeningIt() {
        assertThrows(IllegalStateException.class, () -> verifier("not a key"));
        assertThrows(IllegalStateException.class, () -> new TokenVerifier(new TokenVerifier.Settings(
                Optional.of(idp.publicKeyPem()), Optional.empty(), Optional.empty(), List.of(), "HS256",
                Duration.ZERO, Optional.empty()), Clock.systemUTC()));
    }

    @Test
    void withoutAKeySecurityIsOffAndEveryoneIsTheOpenCaller() throws TokenRejected {
        TokenVerifier off = new TokenVerifier(new TokenVerifier.Settings(Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), "RS256", Duration.ZERO, Optional.empty()), Clock.systemUTC());
        assertFalse(off.enabled());
        assertSame(Caller.OPEN, off.caller(null));
        assertSame(Caller.OPEN, off.caller("garbage"));
    }

    @Test
    void onlyTheBearerSchemeCarriesATokenInAnAuthorizationHeader() throws TokenRejected {
        assertEquals("abc", TokenVerifier.bearer("Bearer abc"));
        assertEquals("abc", TokenVerifier.bearer("bearer abc"));
        assertThrows(TokenRejected.class, () -> TokenVerifier.bearer("Basic YWxpY2U6c2VjcmV0"));
    }
}
