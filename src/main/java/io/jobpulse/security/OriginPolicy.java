package io.jobpulse.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open a WebSocket here (cross-site WebSocket hijacking: a page on another site
 * opening a socket with the victim's browser). Browsers always send {@code Origin} on a WebSocket
 * handshake and scripts cannot forge it; clients that are not browsers send none (or anything), and
 * are authenticated by their token instead, so a handshake without {@code Origin} passes.
 *
 * <p>{@code jobpulse.security.allowed-origins}: a comma-separated list of origins
 * ({@code https://app.example.com}), {@code same-origin} (the server's own host and port, as the
 * browser addressed it) and {@code *} (any). The default {@code auto} is {@code *} with security off
 * (the demo) and {@code same-origin} with security on.
 */
@ApplicationScoped
public class OriginPolicy {

    static final String ANY = "*";
    static final String SAME_ORIGIN = "same-origin";
    static final String AUTO = "auto";

    private final Set<String> allowed;

    @Inject
    public OriginPolicy(@ConfigProperty(name = "jobpulse.security.allowed-origins", defaultValue = "auto") String origins,
                        TokenVerifier verifier) {
        this(origins, verifier.enabled());
    }

    /** Without CDI (unit tests). */
    public OriginPolicy(String origins, boolean securityOn) {
        this.allowed = Arrays.stream(origins.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(o -> o.equalsIgnoreCase(AUTO) ? (securityOn ? SAME_ORIGIN : ANY) : normalize(o))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** For the CDI proxy only. */
    protected OriginPolicy() {
        this.allowed = Set.of();
    }

    /**
     * Whether a handshake with this {@code Origin} header may proceed; {@code host} is the request's
     * {@code Host} header, the server's own authority as the browser addressed it.
     */
    public boolean allows(String origin, String host) {
        if (origin == null || allowed.contains(ANY)) {
            return true;
        }
        String normalized = normalize(origin);
        return allowed.contains(normalized) || allowed.contains(SAME_ORIGIN) && host != null
                && authority(normalized).equals(withoutDefaultPort(host.strip().toLowerCase(Locale.ROOT)));
    }

    /** {@code HTTPS://App.example.com:443/} → {@code https://app.example.com}. */
    static String normalize(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (o.equals(ANY) || o.equals(SAME_ORIGIN)) {
            return o;
        }
        try {
            URI uri = URI.create(o);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return o;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || port == 80 && uri.getScheme().equals("http")
                    || port == 443 && uri.getScheme().equals("https");
            return uri.getScheme() + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return o;
        }
    }

    private static String authority(String normalizedOrigin) {
        int scheme = normalizedOrigin.indexOf("://");
        return scheme < 0 ? normalizedOrigin : normalizedOrigin.substring(scheme + 3);
    }

    private static String withoutDefaultPort(String host) {
        return host.endsWith(":80") || host.endsWith(":443") ? host.substring(0, host.lastIndexOf(':')) : host;
    }
}
