package io.jobpulse.demo.batch;

import io.jobpulse.ingest.batch.ItemTotal;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/**
 * Generates {@code records} records. Its checkpoint is the last record handed out, so a restart
 * resumes after the last committed chunk; it reports the total and that position as an
 * {@link ItemTotal}, which is how a reader that knows its size tells jobpulse.
 */
@Named("demoRecordReader")
@Dependent
public class DemoRecordReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String records;

    @Inject
    StepContext step;

    private int total;
    private int last;

    @Override
    public void open(Serializable checkpoint) {
        total = Integer.parseInt(records);
        last = checkpoint == null ? 0 : (Integer) checkpoint;
        step.setTransientUserData(new ItemTotal(total, last));
    }

    @Override
    public Object readItem() {
        if (last >= total) {
            return null;
        }
        last++;
        return new DemoRecord(last, "record " + last + " of " + total);
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
