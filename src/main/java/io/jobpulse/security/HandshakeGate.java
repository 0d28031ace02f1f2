package io.jobpulse.security;

import io.jobpulse.http.Problem;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.security.Principal;

/**
 * Checks WebSocket handshakes before the upgrade, so a refused client gets a plain HTTP answer with a
 * reason (problem JSON) instead of a socket that opens and closes: a page from an origin
 * {@link OriginPolicy} does not allow gets 403 on both socket endpoints; on {@code /ws/jobs} a
 * missing or invalid token ({@code Authorization: Bearer}, or {@code ?access_token=} for browsers,
 * which cannot set headers on a WebSocket) gets 401. The authenticated {@link Caller} rides on as the
 * request's principal, where the endpoint finds it ({@code Session.getUserPrincipal()}).
 * {@code /socket.io/} clients authenticate later, in their CONNECT packet; until then their principal
 * is their {@link PeerAddress}, which caps the sockets of one address that have not connected.
 */
@WebFilter(urlPatterns = {"/ws/jobs", "/socket.io/*"}, asyncSupported = true)
public class HandshakeGate extends HttpFilter {

    static final String ACCESS_TOKEN = "access_token";

    @Inject
    TokenVerifier verifier;

    @Inject
    OriginPolicy origins;

    @Inject
    RefusalLog refusals;

    @Inject
    Jsonb jsonb;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response); // plain HTTP: the servlets answer it
            return;
        }
        if (!origins.allows(request.getHeader("Origin"), request.getHeader("Host"))) {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "forbidden-origin",
                    "WebSocket connections from this origin are not allowed (jobpulse.security.allowed-origins)", null);
            return;
        }
        if (!request.getRequestURI().substring(request.getContextPath().length()).startsWith("/ws/")) {
            // Socket.IO authenticates later; until then the socket is known by its address.
            chain.doFilter(new Sessionless(request, new PeerAddress(request.getRemoteAddr())), response);
            return;
        }
        Caller caller;
        try {
            caller = verifier.caller(token(request));
        } catch (TokenRejected e) {
            boolean sent = request.getHeader("Authorization") != null || request.getParameter(ACCESS_TOKEN) != null;
            refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", e.reason(),
                    "Bearer realm=\"jobpulse\"" + (sent ? ", error=\"invalid_token\", error_description=\"" + e.reason() + "\"" : ""));
            return;
        }
        chain.doFilter(new Sessionless(request, caller), response);
    }

    /**
     * The handshake as the WebSocket container sees it: never creates an HTTP session (Liberty's
     * handshake asks for one, and keeps it, for every socket; the sockets use none, and each costs
     * memory until it times out), and carries the authenticated caller, if any, as the principal.
     */
    private static final class Sessionless extends HttpServletRequestWrapper {
        private final Principal caller;

        Sessionless(HttpServletRequest request, Principal caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller != null ? caller : super.getUserPrincipal();
        }

        @Override
        public HttpSession getSession() {
            return super.getSession(false);
        }

        @Override
        public HttpSession getSession(boolean create) {
            return super.getSession(false);
        }
    }

    /** The principal of a {@code /socket.io/} socket before its CONNECT: only where it comes from. */
    public record PeerAddress(String address) implements Principal {
        @Override
        public String getName() {
            return address;
        }
    }

    private String token(HttpServletRequest request) throws TokenRejected {
        if (!verifier.enabled()) {
            return null;
        }
        String authorization = request.getHeader("Authorization");
        return authorization != null ? TokenVerifier.bearer(authorization) : request.getParameter(ACCESS_TOKEN);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String type,
                        String reason, String challenge) throws IOException {
        refusals.refused("WebSocket handshake " + request.getRequestURI(), request.getRemoteAddr(), reason);
        response.setStatus(status);
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(jsonb.toJson(new Problem("urn:jobpulse:problem:" + type,
                status == HttpServletResponse.SC_FORBIDDEN ? "Forbidden" : "Unauthorized", status, reason)));
    }
}
