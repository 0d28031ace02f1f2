package io.jobpulse.demo.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** The demo job's second step: shows that each step's name reaches the browser as the message. */
@Named("demoReportBatchlet")
@Dependent
public class DemoReportBatchlet extends AbstractBatchlet {

    @Override
    public String process() {
        return "REPORTED";
    }
}
