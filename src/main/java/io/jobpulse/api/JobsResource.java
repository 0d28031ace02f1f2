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
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;

/**
 * Polling (CONTRACT §5): the seed's hook asks {@code GET /api/jobs/{id}} every 3 s while its socket
 * is down. The strong ETag is the job's version, so an unchanged job costs a 304 and no body.
 */
@Path("/jobs")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    static final int MAX_LIMIT = 500;

    @Inject
    JobStore store;

    @GET
    @Path("/{jobId}")
    public Response job(@PathParam("jobId") String jobId, @Context Request request) {
        if (!Ids.isJobId(jobId)) {
            return Problem.response(Response.Status.BAD_REQUEST, "invalid-job-id", Ids.JOB_ID_RULE);
        }
        Optional<Job> job = store.find(jobId);
        if (job.isEmpty()) {
            return Problem.response(Response.Status.NOT_FOUND, "unknown-job", "no job with id '" + jobId + "'");
        }
        EntityTag etag = new EntityTag(Long.toString(job.get().version()));
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.cacheControl(revalidate).build();
        }
        return Response.ok(job.get()).tag(etag).cacheControl(revalidate).build();
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

    /** Parsed here rather than by JAX-RS, which would answer a non-number with a misleading 404. */
    private static int parseLimit(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
