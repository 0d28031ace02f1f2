package io.jobpulse.demo.batch;

import io.jobpulse.demo.DemoLimits;
import io.jobpulse.demo.DemoSwitch;
import io.jobpulse.http.Problem;
import io.jobpulse.job.Ids;
import io.jobpulse.job.Jobs;
import io.jobpulse.security.Authentication;
import io.jobpulse.security.Caller;
import jakarta.batch.runtime.BatchRuntime;
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

import java.util.Properties;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /api/demo/batch}: queues a jobpulse job, starts the {@code demo-batch} Jakarta Batch
 * job for it and answers 201 with the job's state; from then on only the batch listener reports.
 */
@Path("/demo/batch")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class DemoBatchResource {

    static final String BATCH_JOB = "demo-batch";
    static final String JOB_TYPE = "demo-batch";

    private static final Logger LOG = Logger.getLogger(DemoBatchResource.class.getName());

    @Inject
    Jobs jobs;

    @Inject
    DemoSwitch demo;

    @Inject
    DemoLimits limits;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(DemoBatchRequest body, @Context SecurityContext security, @Context HttpServletRequest http) {
        if (!demo.enabled()) {
            throw Problem.exception(Response.Status.NOT_FOUND, "demo-disabled",
                    "demo producers are switched off (jobpulse.demo.enabled; off by default when security is on)");
        }
        Caller caller = Authentication.caller(security);
        DemoBatchRequest given = body == null ? new DemoBatchRequest(null, null, null, null, null) : body;
        DemoBatchRequest request = new DemoBatchRequest(given.userId() != null ? given.userId() : caller.userId(),
                given.jobId(), given.records(), given.itemMillis(), given.fail()).withDefaults();
        validate(request);
        if (!caller.mayWatch(request.userId())) {
            throw Problem.exception(Response.Status.FORBIDDEN, "forbidden", "you may start demo jobs only for yourself");
        }
        return limits.start(caller, http.getRemoteAddr(), request.userId(),
                (long) request.records() * request.itemMillis(), () -> run(request));
    }

    /**
     * Starts the batch job under an id the server picks: a caller-chosen id could take another
     * user's predictable id first, and a "exists" answer would tell whether an id is in use.
     */
    private Response run(DemoBatchRequest request) {
        String jobId = "demo-batch-" + UUID.randomUUID().toString().replace("-", "");
        jobs.enqueue(jobId, request.userId(), JOB_TYPE);
        try {
            BatchRuntime.getJobOperator().start(BATCH_JOB, parameters(request, jobId));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not start the demo batch job", e);
            jobs.handle(jobId).fail("The batch job could not be started");
            throw Problem.exception(Response.Status.INTERNAL_SERVER_ERROR, "batch-not-started",
                    "the batch job could not be started; see the server log");
        }
        return jobs.find(jobId)
                .map(state -> Response.created(UriBuilder.fromPath("jobs/{id}").build(jobId)).entity(state).build())
                .orElseThrow(() -> Problem.exception(Response.Status.INTERNAL_SERVER_ERROR, "internal",
                        "the demo job could not be created"));
    }

    private static Properties parameters(DemoBatchRequest request, String jobId) {
        Properties p = new Properties();
        p.setProperty("jobpulse.jobId", jobId);
        p.setProperty("jobpulse.userId", request.userId());
        p.setProperty("jobpulse.type", JOB_TYPE);
        p.setProperty("records", Integer.toString(request.records()));
        p.setProperty("itemMillis", Integer.toString(request.itemMillis()));
        p.setProperty("failAt", Integer.toString(request.failAt()));
        return p;
    }

    /** Throws the 400 for the first rule {@code r} breaks. */
    private static void validate(DemoBatchRequest r) {
        if (!Ids.isUserId(r.userId())) {
            throw invalid(Ids.USER_ID_RULE);
        }
        if (r.jobId() != null) {
            throw invalid("jobId is chosen by the server; read it from the answer");
        }
        if (r.records() < 1 || r.records() > DemoBatchRequest.MAX_RECORDS) {
            throw invalid("records must be between 1 and " + DemoBatchRequest.MAX_RECORDS);
        }
        if (r.itemMillis() < 0 || r.itemMillis() > DemoBatchRequest.MAX_ITEM_MILLIS) {
            throw invalid("itemMillis must be between 0 and " + DemoBatchRequest.MAX_ITEM_MILLIS);
        }
    }

    private static WebApplicationException invalid(String detail) {
        return Problem.exception(Response.Status.BAD_REQUEST, "invalid-demo-request", detail);
    }
}
