package io.jobpulse.demo;

import io.jobpulse.http.Examples;
import io.jobpulse.http.Problem;
import io.jobpulse.job.Ids;
import io.jobpulse.job.Job;
import io.jobpulse.job.JobHandle;
import io.jobpulse.job.Jobs;
import io.jobpulse.security.Authentication;
import io.jobpulse.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/demo/jobs}: starts a simulated job through the CDI facade and answers 201 with
 * its first state; the job then runs to its end on its own. With security on (and the demo switched
 * on explicitly) the job belongs to the caller unless an admin names another user.
 */
@Path("/demo")
@Tag(name = "demo")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class DemoResource {

    @Inject
    Jobs jobs;

    @Inject
    DemoJobRunner runner;

    @Inject
    DemoSwitch demo;

    @Inject
    DemoLimits limits;

    @POST
    @Path("/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a simulated job", description = "Walks 0 to 100 % in 'steps' steps through the "
            + "CDI path, then completes (or fails at about 60 % with fail=true). Every field is optional.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DemoRequest.class),
            examples = @ExampleObject(name = "default", value = "{\"userId\":\"demo\",\"steps\":20,\"stepMillis\":200,\"fail\":false}")))
    @APIResponse(responseCode = "201", description = "The new job's first state; Location is its polling URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Job.class),
                    examples = @ExampleObject(name = "started", value = Examples.JOB)))
    @APIResponse(responseCode = "400", description = "Invalid userId, steps or stepMillis",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Demo producers are switched off")
    @APIResponse(responseCode = "429", description = "Too many demo requests, or demo jobs running for this user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(DemoRequest body, @Context SecurityContext security, @Context HttpServletRequest http) {
        if (!demo.enabled()) {
            throw Problem.exception(Response.Status.NOT_FOUND, "demo-disabled",
                    "demo producers are switched off (jobpulse.demo.enabled; off by default when security is on)");
        }
        Caller caller = Authentication.caller(security);
        DemoRequest given = body == null ? new DemoRequest(null, null, null, null) : body;
        DemoRequest request = new DemoRequest(given.userId() != null ? given.userId() : caller.userId(),
                given.steps(), given.stepMillis(), given.fail()).withDefaults();
        validate(request);
        if (!caller.mayWatch(request.userId())) {
            throw Problem.exception(Response.Status.FORBIDDEN, "forbidden", "you may start demo jobs only for yourself");
        }
        return limits.start(caller, http.getRemoteAddr(), request.userId(),
                (long) request.steps() * request.stepMillis(), () -> run(request));
    }

    private Response run(DemoRequest request) {
        JobHandle job = jobs.startHere(request.userId(), "demo"); // a timer here drives it
        runner.run(job, request);
        return jobs.find(job.jobId())
                .map(state -> Response.created(UriBuilder.fromPath("jobs/{id}").build(job.jobId()))
                        .entity(state).build())
                .orElseThrow(() -> Problem.exception(Response.Status.INTERNAL_SERVER_ERROR, "internal",
                        "the demo job could not be created"));
    }

    private static WebApplicationException invalid(String detail) {
        return Problem.exception(Response.Status.BAD_REQUEST, "invalid-demo-request", detail);
    }

    /** Throws the 400 for the first rule {@code r} breaks. */
    private static void validate(DemoRequest r) {
        if (!Ids.isUserId(r.userId())) {
            throw invalid(Ids.USER_ID_RULE);
        }
        if (r.steps() < 1 || r.steps() > DemoRequest.MAX_STEPS) {
            throw invalid("steps must be between 1 and " + DemoRequest.MAX_STEPS);
        }
        if (r.stepMillis() < DemoRequest.MIN_STEP_MILLIS || r.stepMillis() > DemoRequest.MAX_STEP_MILLIS) {
            throw invalid("stepMillis must be between " + DemoRequest.MIN_STEP_MILLIS + " and "
                    + DemoRequest.MAX_STEP_MILLIS);
        }
    }
}
