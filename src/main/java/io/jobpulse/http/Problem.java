package io.jobpulse.http;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem body: {@code {"type","title","status","detail"}}. */
@JsonbPropertyOrder({"type", "title", "status", "detail"})
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * The problem as an exception for a resource to throw (or an async response to resume with):
     * {@link WebApplicationExceptionMapper} answers it exactly as built here.
     */
    public static WebApplicationException exception(Response.Status status, String type, String detail) {
        return new WebApplicationException(response(status, type, detail));
    }

    /** {@link #exception} with a {@code Retry-After} header: the client may try again in that many seconds. */
    public static WebApplicationException retryAfter(Response.Status status, String type, String detail, long seconds) {
        return new WebApplicationException(Response.fromResponse(response(status, type, detail))
                .header("Retry-After", seconds).build());
    }

    /**
     * The problem as a response, for code that must answer rather than throw: a filter aborting a
     * request, an exception mapper, an async response resumed with a result.
     */
    public static Response response(Response.Status status, String type, String detail) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem("urn:jobpulse:problem:" + type, status.getReasonPhrase(), status.getStatusCode(), detail))
                .build();
    }
}
