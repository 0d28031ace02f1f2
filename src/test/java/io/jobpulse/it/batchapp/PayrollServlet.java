package io.jobpulse.it.batchapp;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Properties;

/**
 * The payroll application's own way to run its job, as any batch application has one: its
 * {@code JobOperator}, called by the signed-in user (who becomes the job's submitter).
 * {@code POST /jobs?items=&itemMillis=&failAt=} starts the job and answers
 * {@code {"executionId":..,"instanceId":..}}; {@code POST /jobs?stop=<executionId>} stops one.
 */
@WebServlet("/jobs")
public class PayrollServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JobOperator operator = BatchRuntime.getJobOperator();
        response.setContentType("application/json");
        String stop = request.getParameter("stop");
        if (stop != null) {
            operator.stop(Long.parseLong(stop));
            response.getWriter().print("{\"stopped\":" + Long.parseLong(stop) + "}");
            return;
        }
        Properties parameters = new Properties();
        for (String name : new String[]{"items", "itemMillis", "failAt"}) {
            String value = request.getParameter(name);
            if (value != null) {
                parameters.setProperty(name, value);
            }
        }
        long execution = operator.start("payroll", parameters);
        long instance = operator.getJobInstance(execution).getInstanceId();
        response.getWriter().print("{\"executionId\":" + execution + ",\"instanceId\":" + instance + "}");
    }
}
