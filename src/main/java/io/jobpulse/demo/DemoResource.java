package io.jobpulse.demo;

import io.jobpulse.api.Problem;
import io.jobpulse.job.Ids;
import io.jobpulse.job.JobHandle;
import io.jobpulse.job.Jobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/demo/jobs}: starts a simulated job through the CDI facade and answers 201 with
 * its first state; the job then runs to its end on its own.
 */
@Path("/demo")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class DemoResource {

    @Inject
    Jobs jobs;

    @Inject
    DemoJobRunner runner;

    @Inject
    @ConfigProperty(name = "jobpulse.demo.enabled", defaultValue = "true")
    boolean enabled;

    @POST
    @Path("/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(DemoRequest body) {
        if (!enabled) {
            return Problem.response(Response.Status.NOT_FOUND, "demo-disabled",
                    "demo producers are switched off (jobpulse.demo.enabled=false)");
        }
        DemoRequest request = (body == null ? new DemoRequest(null, null, null, null) : body).withDefaults();
        Response invalid = validate(request);
        if (invalid != null) {
            return invalid;
        }
        JobHandle job = jobs.start(request.userId(), "demo");
        runner.run(job, request);
        return jobs.find(job.jobId())
                .map(state -> Response.created(UriBuilder.fromPath("jobs/{id}").build(job.jobId()))
                        .entity(state).build())
                .orElseGet(() -> Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "internal",
                        "the demo job could not be created"));
    }

    private static Response invalid(String detail) {
        return Problem.response(Response.Status.BAD_REQUEST, "invalid-demo-request", detail);
    }

    private static Response validate(DemoRequest r) {
        if (!Ids.isUserId(r.userId())) {
            return invalid(Ids.USER_ID_RULE);
        }
        if (r.steps() < 1 || r.steps() > DemoRequest.MAX_STEPS) {
            return invalid("steps must be between 1 and " + DemoRequest.MAX_STEPS);
        }
        if (r.stepMillis() < DemoRequest.MIN_STEP_MILLIS || r.stepMillis() > DemoRequest.MAX_STEP_MILLIS) {
            return invalid("stepMillis must be between " + DemoRequest.MIN_STEP_MILLIS + " and "
                    + DemoRequest.MAX_STEP_MILLIS);
        }
        return null;
    }
}
