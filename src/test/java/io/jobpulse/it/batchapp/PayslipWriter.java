package io.jobpulse.it.batchapp;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

import java.util.List;

/** Writes nowhere: the test watches the job, not the payslips. */
@Named("payslipWriter")
@Dependent
public class PayslipWriter extends AbstractItemWriter {

    @Override
    public void writeItems(List<Object> items) {
        // nothing to keep
    }
}
