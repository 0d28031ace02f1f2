package io.jobpulse.testsupport;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Comparator;
import java.util.List;
import java.util.Properties;

/**
 * What an operator does with a batch job: {@code POST /api/test/batch/stop?jobId=} stops the
 * demo-batch execution reporting to that jobpulse job and waits until it is stopped;
 * {@code POST /api/test/batch/restart?jobId=&itemMillis=&failAt=} restarts its latest execution with
 * the original parameters, overriding those given.
 */
@Path("/test/batch")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BatchControlResource {

    private static final String JOB = "demo-batch";

    @POST
    @Path("/stop")
    public JsonObject stop(@QueryParam("jobId") String jobId) throws InterruptedException {
        JobOperator operator = BatchRuntime.getJobOperator();
        JobExecution execution = latest(operator, jobId);
        operator.stop(execution.getExecutionId());
        BatchStatus status = await(operator, execution.getExecutionId());
        return Json.createObjectBuilder().add("executionId", execution.getExecutionId())
                .add("status", status.name()).build();
    }

    @POST
    @Path("/restart")
    public JsonObject restart(@QueryParam("jobId") String jobId, @QueryParam("itemMillis") String itemMillis,
                              @QueryParam("failAt") String failAt) {
        JobOperator operator = BatchRuntime.getJobOperator();
        JobExecution execution = latest(operator, jobId);
        Properties params = operator.getParameters(execution.getExecutionId());
        if (itemMillis != null) {
            params.setProperty("itemMillis", itemMillis);
        }
        if (failAt != null) {
            params.setProperty("failAt", failAt);
        }
        long restarted = operator.restart(execution.getExecutionId(), params);
        return Json.createObjectBuilder().add("executionId", restarted).build();
    }

    /** The newest execution started with {@code jobpulse.jobId=jobId}. */
    private static JobExecution latest(JobOperator operator, String jobId) {
        return operator.getJobInstances(JOB, 0, Integer.MAX_VALUE).stream()
                .flatMap(instance -> operator.getJobExecutions(instance).stream())
                .filter(e -> jobId.equals(operator.getParameters(e.getExecutionId()).getProperty("jobpulse.jobId")))
                .max(Comparator.comparingLong(JobExecution::getExecutionId))
                .orElseThrow(() -> new NotFoundException("no execution for " + jobId));
    }

    private static BatchStatus await(JobOperator operator, long executionId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            BatchStatus status = operator.getJobExecution(executionId).getBatchStatus();
            if (List.of(BatchStatus.STOPPED, BatchStatus.FAILED, BatchStatus.COMPLETED).contains(status)) {
                return status;
            }
            Thread.sleep(50);
        }
        return operator.getJobExecution(executionId).getBatchStatus();
    }
}
