package io.jobpulse.demo.batch;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

import java.util.List;

/** Accepts the transformed records; a real job would store them. The step's metrics count them. */
@Named("demoRecordWriter")
@Dependent
public class DemoRecordWriter extends AbstractItemWriter {

    @Override
    public void writeItems(List<Object> items) {
        // nothing to keep: the demo is about the progress, not the records
    }
}
