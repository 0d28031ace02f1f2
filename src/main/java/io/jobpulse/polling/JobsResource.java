package io.jobpulse.polling;

import io.jobpulse.http.Examples;
import io.jobpulse.http.Problem;
import io.jobpulse.job.Ids;
import io.jobpulse.job.Job;
import io.jobpulse.job.JobStore;
import io.jobpulse.security.Authentication;
import io.jobpulse.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Polling (see README, "Endpoints"; docs/delivery.md, "Long-poll"): a frontend's polling hook asks
 * {@code GET /api/jobs/{id}} every 3 s while its socket
 * is down. The strong ETag is the job's version, so an unchanged job costs a 304 and no body; a
 * long-poll parks the request in {@link JobWaiters} until the version moves. A caller sees only the
 * jobs {@link Caller#mayRead} allows: another user's job answers 404 exactly like an unknown one, so
 * polling cannot even tell that it exists.
 */
@Path("/jobs")
@Tag(name = "jobs")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    static final int MAX_LIMIT = 500;
    private static final long ABSENT = -1;
    private static final long INVALID = -2;
    /** Clients must revalidate every time: the state changes while they watch. */
    private static final CacheControl REVALIDATE = CacheControl.valueOf("no-cache");

    @Inject
    JobStore store;

    @Inject
    JobWaiters waiters;

    @Inject
    @ConfigProperty(name = "jobpulse.poll.max-wait-seconds", defaultValue = "30")
    long maxWaitSeconds;

    @Inject
    @ConfigProperty(name = "jobpulse.poll.max-waiters", defaultValue = "10000")
    int maxWaiters;

    @Inject
    @ConfigProperty(name = "jobpulse.poll.max-waiters-per-user", defaultValue = "50")
    int maxWaitersPerUser;

    /**
     * The job's state. With {@code afterVersion=N&waitSeconds=S} a long-poll: answers as soon as the
     * version exceeds N, or 304 after S seconds (capped by {@code jobpulse.poll.max-wait-seconds}),
     * holding no thread while it waits.
     */
    @GET
    @Path("/{jobId}")
    @Operation(summary = "A job's state", description = "Poll with If-None-Match (the ETag is the version) or "
            + "long-poll with afterVersion and waitSeconds.")
    @APIResponse(responseCode = "200", description = "The job; ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Job.class),
                    examples = @ExampleObject(name = "running", value = Examples.JOB)))
    @APIResponse(responseCode = "304", description = "Unchanged: If-None-Match names the current version, "
            + "or a long-poll timed out")
    @APIResponse(responseCode = "400", description = "Invalid id or long-poll parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such job (or purged after its retention)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = Examples.NOT_FOUND)))
    @APIResponse(responseCode = "429", description = "Too many long-polls of this user waiting; retry after Retry-After seconds")
    @APIResponse(responseCode = "503", description = "Too many long-polls waiting; retry after Retry-After seconds")
    public void job(@Parameter(description = "1..128 characters of [A-Za-z0-9._:-]", example = "note-import-42")
                    @PathParam("jobId") String jobId,
                    @Parameter(description = "Long-poll: the version you have", example = "7")
                    @QueryParam("afterVersion") String afterVersionParam,
                    @Parameter(description = "Long-poll: seconds to wait for a newer version (capped)", example = "25")
                    @QueryParam("waitSeconds") String waitSecondsParam,
                    @Context Request request,
                    @Context SecurityContext security,
                    @Context HttpServletRequest http,
                    @Suspended AsyncResponse async) {
        if (!Ids.isJobId(jobId)) {
            async.resume(Problem.exception(Response.Status.BAD_REQUEST, "invalid-job-id", Ids.JOB_ID_RULE));
            return;
        }
        long afterVersion = parseNonNegative(afterVersionParam);
        long waitSeconds = parseNonNegative(waitSecondsParam);
        if (afterVersion == INVALID || waitSeconds == INVALID) {
            async.resume(Problem.exception(Response.Status.BAD_REQUEST, "invalid-long-poll",
                    "afterVersion and waitSeconds must be non-negative integers"));
            return;
        }
        if (waitSeconds != ABSENT && afterVersion == ABSENT) {
            async.resume(Problem.exception(Response.Status.BAD_REQUEST, "invalid-long-poll",
                    "waitSeconds needs afterVersion: the version you already have"));
            return;
        }
        Caller caller = Authentication.caller(security);
        Optional<Job> job = store.find(jobId).filter(caller::mayRead);
        if (job.isEmpty()) {
            async.resume(unknown(jobId));
            return;
        }
        if (afterVersion == ABSENT) {
            async.resume(conditional(job.get(), request));
        } else if (job.get().version() > afterVersion || waitSeconds <= 0) {
            async.resume(afterWait(job.get(), afterVersion));
        } else {
            // Places are per user; without one (open mode) per address, as for ingest.
            String client = caller.userId() != null ? "user " + caller.userId() : "address " + http.getRemoteAddr();
            JobWaiters.Poller poller = new JobWaiters.Poller(client, caller::mayRead, this::state, () -> unknown(jobId));
            longPoll(job.get(), afterVersion, Math.min(waitSeconds, maxWaitSeconds), poller, async);
        }
    }

    private void longPoll(Job job, long afterVersion, long waitSeconds, JobWaiters.Poller poller, AsyncResponse async) {
        async.setTimeout(waitSeconds, TimeUnit.SECONDS);
        // The wait is over: answer from the store, whatever announced (or failed to announce) a change;
        // as a 404 if the job went or is now someone else's (purged, then its id reused).
        async.setTimeoutHandler(r -> r.resume(store.find(job.jobId()).filter(poller.mayRead())
                .map(current -> afterWait(current, afterVersion)).orElseGet(() -> unknown(job.jobId()))));
        switch (waiters.park(job.jobId(), afterVersion, async, poller, maxWaiters, maxWaitersPerUser)) {
            case FULL -> {
                async.resume(Problem.retryAfter(Response.Status.SERVICE_UNAVAILABLE, "too-many-waiters",
                        "too many long-poll requests are waiting; retry shortly", 3));
                return;
            }
            case CLIENT_FULL -> {
                async.resume(Problem.retryAfter(Response.Status.TOO_MANY_REQUESTS, "too-many-waiters-per-user",
                        "at most " + maxWaitersPerUser + " long-polls of one user may wait at once"
                                + " (jobpulse.poll.max-waiters-per-user); retry when one ends", 3));
                return;
            }
            case PARKED -> { }
        }
        // A change may have landed between the read above and parking: check once more.
        store.find(job.jobId()).filter(current -> current.version() > afterVersion)
                .ifPresent(current -> async.resume(poller.mayRead().test(current) ? state(current) : unknown(job.jobId())));
    }

    private static Response unknown(String jobId) {
        return Problem.response(Response.Status.NOT_FOUND, "unknown-job", "no job with id '" + jobId + "'");
    }

    /** 200 with the state if it passed the version the long-poll had, else 304. */
    private Response afterWait(Job current, long afterVersion) {
        return current.version() > afterVersion ? state(current) : notModified(current);
    }

    /** 200 with the state, or 304 when the client's If-None-Match already names this version. */
    private Response conditional(Job job, Request request) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag(job));
        if (notModified != null) {
            return notModified.cacheControl(REVALIDATE).build();
        }
        return state(job);
    }

    private Response state(Job job) {
        return Response.ok(job).tag(etag(job)).cacheControl(REVALIDATE).build();
    }

    private Response notModified(Job job) {
        return Response.notModified(etag(job)).cacheControl(REVALIDATE).build();
    }

    private static EntityTag etag(Job job) {
        return new EntityTag(Long.toString(job.version()));
    }

    @GET
    @Operation(summary = "A user's jobs, newest first")
    @APIResponse(responseCode = "200", description = "The jobs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Job.class),
                    examples = @ExampleObject(name = "one job", value = "[" + Examples.JOB + "]")))
    @APIResponse(responseCode = "400", description = "Missing or invalid userId, status or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Security is on and userId is not the caller (nor the caller an admin)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response jobs(@Parameter(description = "The owner; with security on it defaults to the caller", example = "user123")
                         @QueryParam("userId") String userIdParam,
                         @Parameter(description = "'active' for queued and running jobs only", example = "active")
                         @QueryParam("status") String status,
                         @Parameter(description = "At most this many (1..500)", example = "50")
                         @QueryParam("limit") @DefaultValue("50") String limitParam,
                         @Context SecurityContext security) {
        Caller caller = Authentication.caller(security);
        String userId = userIdParam == null ? caller.userId() : userIdParam;
        if (!Ids.isUserId(userId)) {
            throw Problem.exception(Response.Status.BAD_REQUEST, "invalid-user-id",
                    "query parameter userId is required; " + Ids.USER_ID_RULE);
        }
        if (status != null && !"active".equals(status)) {
            throw Problem.exception(Response.Status.BAD_REQUEST, "invalid-status-filter",
                    "status may only be 'active' (queued or running jobs)");
        }
        int limit = parseLimit(limitParam);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problem.exception(Response.Status.BAD_REQUEST, "invalid-limit",
                    "limit must be between 1 and " + MAX_LIMIT);
        }
        if (!caller.mayWatch(userId)) {
            throw Problem.exception(Response.Status.FORBIDDEN, "forbidden",
                    "you may list only your own jobs (userId '" + caller.userId() + "')");
        }
        List<Job> jobs = store.findByUser(userId, status != null, limit);
        return Response.ok(jobs).build();
    }

    /** ABSENT for null, INVALID for anything but a non-negative integer. */
    private static long parseNonNegative(String value) {
        if (value == null) {
            return ABSENT;
        }
        try {
            long n = Long.parseLong(value.trim());
            return n < 0 ? INVALID : n;
        } catch (NumberFormatException e) {
            return INVALID;
        }
    }

    /** Parsed here rather than by JAX-RS, which would answer a non-number with a misleading 404. */
    private static int parseLimit(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
