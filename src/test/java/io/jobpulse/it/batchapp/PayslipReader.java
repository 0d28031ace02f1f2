package io.jobpulse.it.batchapp;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/** Reads {@code items} payslip numbers, {@code itemMillis} each; at {@code failAt} it fails the job with exit status BAD_PAYSLIP. */
@Named("payslipReader")
@Dependent
public class PayslipReader extends AbstractItemReader {

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String items;

    @Inject
    @BatchProperty
    String itemMillis;

    @Inject
    @BatchProperty
    String failAt;

    private int next;

    @Override
    public void open(Serializable checkpoint) {
        next = checkpoint == null ? 0 : (Integer) checkpoint;
    }

    @Override
    public Object readItem() throws Exception {
        if (next >= Integer.parseInt(items)) {
            return null;
        }
        if (failAt != null && !failAt.isEmpty() && next == Integer.parseInt(failAt)) {
            job.setExitStatus("BAD_PAYSLIP");
            throw new IllegalStateException("payslip " + next + " is unreadable");
        }
        Thread.sleep(Long.parseLong(itemMillis));
        return next++;
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }
}
