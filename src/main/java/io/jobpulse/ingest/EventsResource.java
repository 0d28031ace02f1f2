package io.jobpulse.ingest;

import io.jobpulse.http.Problem;
import io.jobpulse.security.Authentication;
import io.jobpulse.security.Caller;
import io.jobpulse.security.RateLimiter;
import io.jobpulse.security.RefusalLog;
import io.jobpulse.security.TokenBucket;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code POST /api/jobs/events} (see docs/integrating.md, "HTTP ingest"): external schedulers report one event or an array.
 *
 * <ul>
 *   <li>202 — at least one event was accepted (applied, ignored or a duplicate); the body has a
 *       result per event, rejected ones included with their reason.</li>
 *   <li>400 — the body cannot be read (problem JSON), or no event was accepted (problem JSON that
 *       also carries the per-event results).</li>
 *   <li>413 — the body exceeds {@code jobpulse.ingest.max-body-bytes} or the array exceeds
 *       {@code jobpulse.ingest.max-batch}; nothing was applied.</li>
 *   <li>415 — the body is not {@code application/json}.</li>
 *   <li>401 / 403 — security is on and the caller has no valid token / not the {@value Caller#PUBLISHER} role.</li>
 *   <li>429 — the caller (its user id, or its address with security off) sent more than
 *       {@code jobpulse.ingest.rate} requests a second beyond a burst of {@code jobpulse.ingest.burst};
 *       {@code Retry-After} says when to try again. Nothing was applied.</li>
 * </ul>
 */
@Path("/jobs") // not "/jobs/events": that root path would shadow GET /api/jobs/{jobId} for a job named "events"
@ApplicationScoped
public class EventsResource {

    /** Clients remembered at most by the rate limit (see {@link RateLimiter}). */
    private static final int MAX_CLIENTS = 10_000;

    @Inject
    EventIngest ingest;

    @Inject
    RefusalLog refusals;

    @Inject
    @ConfigProperty(name = "jobpulse.ingest.rate", defaultValue = "50")
    double ratePerSecond;

    @Inject
    @ConfigProperty(name = "jobpulse.ingest.burst", defaultValue = "200")
    int burst;

    private RateLimiter limiter;

    @PostConstruct
    void init() {
        limiter = new RateLimiter(ratePerSecond, burst, MAX_CLIENTS, System::nanoTime);
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed(Caller.PUBLISHER)
    public Response post(InputStream body, @Context SecurityContext security, @Context HttpServletRequest request)
            throws IOException {
        Caller caller = Authentication.caller(security);
        String client = caller.userId() != null ? "user " + caller.userId() : "address " + request.getRemoteAddr();
        TokenBucket bucket = limiter.bucket(client);
        if (!bucket.tryTake()) {
            refusals.refused("POST /api/jobs/events", client, "rate limited");
            throw Problem.retryAfter(Response.Status.TOO_MANY_REQUESTS, "rate-limited",
                    "more than " + burst + " requests at once or " + ratePerSecond + " a second"
                            + " (jobpulse.ingest.rate, jobpulse.ingest.burst); send fewer, larger batches",
                    bucket.secondsUntilNext());
        }
        byte[] bytes = body.readNBytes(ingest.maxBodyBytes() + 1);
        if (bytes.length > ingest.maxBodyBytes()) {
            throw Problem.exception(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                    "the body may have at most " + ingest.maxBodyBytes() + " bytes (jobpulse.ingest.max-body-bytes);"
                            + " split the batch");
        }
        EventIngest.Body read = ingest.read(new String(bytes, StandardCharsets.UTF_8));
        if (read instanceof EventIngest.Body.Unreadable u) {
            throw Problem.exception(u.tooLarge() ? Response.Status.REQUEST_ENTITY_TOO_LARGE : Response.Status.BAD_REQUEST,
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
