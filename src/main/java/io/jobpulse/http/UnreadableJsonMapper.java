package io.jobpulse.http;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body JSON-B cannot read (malformed JSON, wrong types) is the client's mistake: 400,
 * not the 500 the runtime would answer. The parser's message names the position, not our code.
 */
@Provider
public class UnreadableJsonMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "unreadable-json",
                "the request body is not valid JSON of the expected shape");
    }
}
