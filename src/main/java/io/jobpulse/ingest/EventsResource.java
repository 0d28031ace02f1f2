package io.jobpulse.ingest;

import io.jobpulse.api.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code POST /api/jobs/events} (CONTRACT §2): external schedulers report one event or an array.
 *
 * <ul>
 *   <li>202 — at least one event was accepted (applied, ignored or a duplicate); the body has a
 *       result per event, rejected ones included with their reason.</li>
 *   <li>400 — the body cannot be read (problem JSON), or no event was accepted (problem JSON that
 *       also carries the per-event results).</li>
 *   <li>413 — the body exceeds {@code jobpulse.ingest.max-body-bytes} or the array exceeds
 *       {@code jobpulse.ingest.max-batch}; nothing was applied.</li>
 *   <li>415 — the body is not {@code application/json}.</li>
 * </ul>
 */
@Path("/jobs") // not "/jobs/events": that root path would shadow GET /api/jobs/{jobId} for a job named "events"
@ApplicationScoped
public class EventsResource {

    @Inject
    EventIngest ingest;

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    public Response post(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(ingest.maxBodyBytes() + 1);
        if (bytes.length > ingest.maxBodyBytes()) {
            return Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                    "the body may have at most " + ingest.maxBodyBytes() + " bytes (jobpulse.ingest.max-body-bytes);"
                            + " split the batch");
        }
        EventIngest.Body read = ingest.read(new String(bytes, StandardCharsets.UTF_8));
        if (read instanceof EventIngest.Body.Unreadable u) {
            return Problem.response(u.tooLarge() ? Response.Status.REQUEST_ENTITY_TOO_LARGE : Response.Status.BAD_REQUEST,
                    u.code(), u.reason());
        }
        List<EventResult> results = ingest.acceptAll(((EventIngest.Body.Events) read).events(), EventIngest.Source.HTTP);
        IngestReport report = IngestReport.of(results);
        if (report.anyAccepted()) {
            return Response.accepted(report).type(MediaType.APPLICATION_JSON).build();
        }
        return Response.status(Response.Status.BAD_REQUEST).type(Problem.MEDIA_TYPE).entity(report).build();
    }
}
