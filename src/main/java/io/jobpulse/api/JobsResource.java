package io.jobpulse.api;

import io.jobpulse.job.Ids;
import io.jobpulse.job.Job;
import io.jobpulse.job.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Polling (CONTRACT §5): the seed's hook asks {@code GET /api/jobs/{id}} every 3 s while its socket
 * is down. The strong ETag is the job's version, so an unchanged job costs a 304 and no body; a
 * long-poll parks the request in {@link JobWaiters} until the version moves.
 */
@Path("/jobs")
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

    /**
     * The job's state. With {@code afterVersion=N&waitSeconds=S} a long-poll: answers as soon as the
     * version exceeds N, or 304 after S seconds (capped by {@code jobpulse.poll.max-wait-seconds}),
     * holding no thread while it waits.
     */
    @GET
    @Path("/{jobId}")
    public void job(@PathParam("jobId") String jobId,
                    @QueryParam("afterVersion") String afterVersionParam,
                    @QueryParam("waitSeconds") String waitSecondsParam,
                    @Context Request request,
                    @Suspended AsyncResponse async) {
        if (!Ids.isJobId(jobId)) {
            async.resume(Problem.response(Response.Status.BAD_REQUEST, "invalid-job-id", Ids.JOB_ID_RULE));
            return;
        }
        long afterVersion = parseNonNegative(afterVersionParam);
        long waitSeconds = parseNonNegative(waitSecondsParam);
        if (afterVersion == INVALID || waitSeconds == INVALID) {
            async.resume(Problem.response(Response.Status.BAD_REQUEST, "invalid-long-poll",
                    "afterVersion and waitSeconds must be non-negative integers"));
            return;
        }
        if (waitSeconds != ABSENT && afterVersion == ABSENT) {
            async.resume(Problem.response(Response.Status.BAD_REQUEST, "invalid-long-poll",
                    "waitSeconds needs afterVersion: the version you already have"));
            return;
        }
        Optional<Job> job = store.find(jobId);
        if (job.isEmpty()) {
            async.resume(Problem.response(Response.Status.NOT_FOUND, "unknown-job", "no job with id '" + jobId + "'"));
            return;
        }
        if (afterVersion == ABSENT) {
            async.resume(conditional(job.get(), request));
        } else if (job.get().version() > afterVersion || waitSeconds <= 0) {
            async.resume(job.get().version() > afterVersion ? state(job.get()) : notModified(job.get()));
        } else {
            longPoll(job.get(), afterVersion, Math.min(waitSeconds, maxWaitSeconds), async);
        }
    }

    private void longPoll(Job job, long afterVersion, long waitSeconds, AsyncResponse async) {
        async.setTimeout(waitSeconds, TimeUnit.SECONDS);
        async.setTimeoutHandler(r -> r.resume(store.find(job.jobId()).map(this::notModified)
                .orElseGet(() -> notModified(job))));
        if (!waiters.park(job.jobId(), afterVersion, async, this::state, maxWaiters)) {
            async.resume(Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "3")
                    .type(Problem.MEDIA_TYPE).entity(new Problem("urn:jobpulse:problem:too-many-waiters",
                            "Service Unavailable", 503, "too many long-poll requests are waiting; retry shortly"))
                    .build());
            return;
        }
        // A change may have landed between the read above and parking: check once more.
        store.find(job.jobId()).filter(current -> current.version() > afterVersion)
                .ifPresent(current -> async.resume(state(current)));
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
    public Response jobs(@QueryParam("userId") String userId,
                         @QueryParam("status") String status,
                         @QueryParam("limit") @DefaultValue("50") String limitParam) {
        if (!Ids.isUserId(userId)) {
            return Problem.response(Response.Status.BAD_REQUEST, "invalid-user-id",
                    "query parameter userId is required; " + Ids.USER_ID_RULE);
        }
        if (status != null && !"active".equals(status)) {
            return Problem.response(Response.Status.BAD_REQUEST, "invalid-status-filter",
                    "status may only be 'active' (queued or running jobs)");
        }
        int limit = parseLimit(limitParam);
        if (limit < 1 || limit > MAX_LIMIT) {
            return Problem.response(Response.Status.BAD_REQUEST, "invalid-limit",
                    "limit must be between 1 and " + MAX_LIMIT);
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
