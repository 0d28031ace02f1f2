package io.jobpulse.it.batchapp;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** The job's second step, a batchlet. */
@Named("payrollReport")
@Dependent
public class PayrollReport extends AbstractBatchlet {

    @Override
    public String process() {
        return "REPORTED";
    }
}
