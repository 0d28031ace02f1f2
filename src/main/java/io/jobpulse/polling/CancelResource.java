package io.jobpulse.polling;

import io.jobpulse.http.Problem;
import io.jobpulse.job.Cancellation;
import io.jobpulse.job.Ids;
import io.jobpulse.job.Job;
import io.jobpulse.security.Authentication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/jobs/{jobId}/cancel}: the owner (or a job-admin) asks to cancel a job. Answers
 * 202 with the state carrying {@code cancelRequested}, the same for a repeated request; 409 for a job
 * that already ended; 404 for a job the caller may not read, exactly as polling does.
 */
@Path("/jobs/{jobId}/cancel")
@Tag(name = "jobs")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class CancelResource {

    @Inject
    Cancellation cancellation;

    @POST
    @Operation(summary = "Ask to cancel a job", description = "The producer is told and confirms with a cancelled "
            + "event; without confirmation the job ends cancelled after the grace period.")
    @APIResponse(responseCode = "202", description = "Requested (now or before); the job with cancelRequested",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Job.class)))
    @APIResponse(responseCode = "404", description = "No such job, or not the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The job has already ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("jobId") String jobId, @Context SecurityContext security) {
        if (!Ids.isJobId(jobId)) {
            throw Problem.exception(Response.Status.BAD_REQUEST, "invalid-job-id", Ids.JOB_ID_RULE);
        }
        Cancellation.Answer answer = cancellation.request(jobId, Authentication.caller(security)::mayRead);
        if (answer.accepted()) {
            return Response.accepted(answer.job()).build();
        }
        throw Cancellation.JOB_FINISHED.equals(answer.code())
                ? Problem.exception(Response.Status.CONFLICT, "job-finished", answer.message())
                : Problem.exception(Response.Status.NOT_FOUND, "unknown-job", "no job with id '" + jobId + "'");
    }
}
