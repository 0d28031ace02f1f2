package io.jobpulse.security;

import io.jobpulse.http.Problem;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.security.Principal;

/**
 * Who calls the HTTP API: every {@code /api} request gets a {@link Caller} as its
 * {@link SecurityContext} principal (read it with {@link #caller}). With security off that is
 * {@link Caller#OPEN}. With security on an {@code Authorization: Bearer} token is required (401
 * problem JSON with a {@code WWW-Authenticate} header saying why otherwise), and {@link RolesAllowed}
 * on a resource method or its class is enforced (403). Resources then apply {@link Caller#mayRead} to what they
 * return.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

    static final String REALM = "jobpulse";

    @Inject
    TokenVerifier verifier;

    @Inject
    RefusalLog refusals;

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    /** The caller of the current request; {@link Caller#NOBODY} if none was set (fails closed). */
    public static Caller caller(SecurityContext context) {
        return context != null && context.getUserPrincipal() instanceof Caller c ? c : Caller.NOBODY;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Caller caller = Caller.OPEN;
        if (verifier.enabled()) {
            try {
                String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
                caller = verifier.caller(authorization == null ? null : TokenVerifier.bearer(authorization));
            } catch (TokenRejected e) {
                refuse(request, e.reason());
                return;
            }
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new CallerContext(caller, secure));
        RolesAllowed roles = resource == null ? null : rolesAllowed(resource.getResourceMethod(), resource.getResourceClass());
        if (roles != null && !hasAny(caller, roles.value())) {
            request.abortWith(Problem.response(Response.Status.FORBIDDEN, "forbidden",
                    "this needs the role " + String.join(" or ", roles.value()) + " in the token's groups"));
        }
    }

    /**
     * The roles a resource method needs: its own {@link RolesAllowed}, else none if it is
     * {@link PermitAll}, else its class's {@link RolesAllowed} (the Jakarta annotations' rule), so a
     * class-level annotation is never silently ignored.
     */
    static RolesAllowed rolesAllowed(Method method, Class<?> resourceClass) {
        if (method != null && method.isAnnotationPresent(RolesAllowed.class)) {
            return method.getAnnotation(RolesAllowed.class);
        }
        if (method != null && method.isAnnotationPresent(PermitAll.class)) {
            return null;
        }
        Class<?> declaring = resourceClass != null ? resourceClass : method == null ? null : method.getDeclaringClass();
        return declaring == null ? null : declaring.getAnnotation(RolesAllowed.class);
    }

    private void refuse(ContainerRequestContext request, String reason) {
        refusals.refused(request.getMethod() + " /" + request.getUriInfo().getPath(),
                servletRequest == null ? "?" : servletRequest.getRemoteAddr(), reason);
        // RFC 6750: no error code when no token came at all, invalid_token when a token was refused.
        String challenge = request.getHeaderString(HttpHeaders.AUTHORIZATION) == null
                ? "Bearer realm=\"" + REALM + "\""
                : "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"" + reason + "\"";
        Response unauthorized = Problem.response(Response.Status.UNAUTHORIZED, "unauthorized", reason);
        request.abortWith(Response.fromResponse(unauthorized).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build());
    }

    private static boolean hasAny(Caller caller, String[] roles) {
        for (String role : roles) {
            if (caller.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** The request's security context: the caller, its roles as JAX-RS roles. */
    private record CallerContext(Caller caller, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.hasRole(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return caller == Caller.OPEN ? null : "Bearer";
        }
    }
}
