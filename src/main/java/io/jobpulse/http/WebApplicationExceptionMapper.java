package io.jobpulse.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns the JAX-RS runtime's own errors (unknown path, wrong method, unreadable body) into problem
 * JSON. Resources throw {@link Problem#exception} for their own errors, answered as built.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.getEntity() instanceof Problem) {
            return original; // already says what went wrong (e.g. BodyLimit's 413)
        }
        Response.Status status = Response.Status.fromStatusCode(original.getStatus());
        if (status == null) {
            status = Response.Status.BAD_REQUEST;
        }
        String detail = switch (status) {
            case NOT_FOUND -> "no such resource";
            case METHOD_NOT_ALLOWED -> "method not allowed on this resource";
            case UNSUPPORTED_MEDIA_TYPE -> "send application/json";
            case NOT_ACCEPTABLE -> "this resource produces application/json";
            case BAD_REQUEST -> "the request could not be read; send well-formed JSON";
            default -> status.getReasonPhrase();
        };
        return Problem.response(status, status.name().toLowerCase(), detail);
    }
}
