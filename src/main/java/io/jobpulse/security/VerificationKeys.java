package io.jobpulse.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Turns the MicroProfile JWT key settings into the keys tokens are checked against, in the forms
 * MP JWT 2.1 names: {@code mp.jwt.verify.publickey} holds a PEM public key or certificate, a bare
 * Base64 key (as Keycloak's realm page shows it), a JWK or a JWK Set (plain or Base64URL encoded);
 * {@code mp.jwt.verify.publickey.location} names an {@code http(s)} JWKS URL (fetched when needed,
 * cached, re-fetched for an unknown key id), a file, or a class-path resource holding any of those.
 */
final class VerificationKeys {

    private VerificationKeys() {
    }

    /**
     * Picks the key for a token signed with {@code algorithm}, from the inline value if there is one,
     * else from the location. A single key without a key id (PEM, Base64, a certificate) verifies
     * every token whatever {@code kid} its header names; keys with ids are matched by id.
     */
    static JWSKeySelector<SecurityContext> selector(String inline, String location, JWSAlgorithm algorithm) {
        JWKSource<SecurityContext> source = source(inline, location, algorithm);
        if (source instanceof ImmutableJWKSet<SecurityContext> set && set.getJWKSet().size() == 1
                && set.getJWKSet().getKeys().get(0).getKeyID() == null) {
            Key key = publicKeyOf(set.getJWKSet().getKeys().get(0));
            return (header, context) -> algorithm.equals(header.getAlgorithm()) ? List.of(key) : List.of();
        }
        return new JWSVerificationKeySelector<>(algorithm, source);
    }

    private static Key publicKeyOf(JWK jwk) {
        try {
            return jwk instanceof RSAKey rsa ? rsa.toPublicKey() : ((ECKey) jwk).toPublicKey();
        } catch (JOSEException | ClassCastException e) {
            throw new IllegalStateException("the MicroProfile JWT public key must be an RSA or EC key", e);
        }
    }

    private static JWKSource<SecurityContext> source(String inline, String location, JWSAlgorithm algorithm) {
        if (inline != null) {
            return new ImmutableJWKSet<>(parse(inline, algorithm));
        }
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            try {
                // Cached; refreshed when a token names a key id it does not know (key rotation),
                // at most once per rate-limit interval, so bad tokens cannot hammer the provider.
                return JWKSourceBuilder.create(URI.create(location).toURL()).retrying(true).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalStateException("mp.jwt.verify.publickey.location is not a valid URL", e);
            }
        }
        return new ImmutableJWKSet<>(parse(read(location), algorithm));
    }

    static JWKSet parse(String text, JWSAlgorithm algorithm) {
        String value = text.strip();
        try {
            if (value.startsWith("{")) {
                return json(value);
            }
            if (value.contains("-----BEGIN CERTIFICATE-----")) {
                return new JWKSet(JWK.parse(certificate(pemBody(value, "CERTIFICATE"))));
            }
            if (value.contains("-----BEGIN")) {
                return new JWKSet(jwk(publicKey(Base64.getMimeDecoder().decode(pemBody(value, "PUBLIC KEY")), algorithm)));
            }
            byte[] decoded = decode(value);
            if (decoded.length > 0 && decoded[0] == '{') {
                return json(new String(decoded, StandardCharsets.UTF_8));
            }
            return new JWKSet(jwk(publicKey(decoded, algorithm)));
        } catch (ParseException | JOSEException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the MicroProfile JWT public key cannot be read: expected a PEM public key or "
                    + "certificate, a Base64 key, a JWK or a JWK Set (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static JWKSet json(String json) throws ParseException {
        return json.contains("\"keys\"") ? JWKSet.parse(json) : new JWKSet(JWK.parse(json));
    }

    /** Base64 (a DER key) or Base64URL (an encoded JWK); whitespace is ignored. */
    private static byte[] decode(String value) {
        String compact = value.replaceAll("\\s", "");
        return compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(compact) : Base64.getDecoder().decode(compact);
    }

    private static String pemBody(String pem, String label) {
        int begin = pem.indexOf("-----BEGIN " + label + "-----");
        int end = pem.indexOf("-----END " + label + "-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("expected a PEM " + label);
        }
        return pem.substring(begin + label.length() + 16, end);
    }

    private static X509Certificate certificate(String base64) throws GeneralSecurityException {
        byte[] der = Base64.getMimeDecoder().decode(base64);
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static PublicKey publicKey(byte[] der, JWSAlgorithm algorithm) throws GeneralSecurityException {
        String type = JWSAlgorithm.Family.EC.contains(algorithm) ? "EC" : "RSA";
        return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
    }

    private static JWK jwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        return new ECKey.Builder(Curve.forECParameterSpec(((ECPublicKey) key).getParams()),
                (ECPublicKey) key).build();
    }

    /** A file path, a {@code file:} URL, or a class-path resource ({@code classpath:} optional). */
    private static String read(String location) {
        try {
            if (location.startsWith("file:")) {
                return Files.readString(Path.of(URI.create(location)));
            }
            String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
            Path file = Path.of(resource);
            if (!location.startsWith("classpath:") && Files.isRegularFile(file)) {
                return Files.readString(file);
            }
            String name = resource.startsWith("/") ? resource.substring(1) : resource;
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("mp.jwt.verify.publickey.location names no file or class-path resource");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("mp.jwt.verify.publickey.location cannot be read", e);
        }
    }
}
