package io.jobpulse.demo.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Locale;

/**
 * "Transforms" a record, taking {@code itemMillis} per record so progress is visible, and fails on
 * record {@code failAt} (0: never) so a failing batch job can be watched too.
 */
@Named("demoRecordProcessor")
@Dependent
public class DemoRecordProcessor implements ItemProcessor {

    @Inject
    @BatchProperty
    String itemMillis;

    @Inject
    @BatchProperty
    String failAt;

    @Override
    public Object processItem(Object item) throws InterruptedException {
        DemoRecord record = (DemoRecord) item;
        if (record.number() == number(failAt)) {
            throw new IllegalStateException("Simulated failure at record " + record.number());
        }
        long millis = number(itemMillis);
        if (millis > 0) {
            Thread.sleep(millis); // a batch thread doing "work": this is what a real step spends its time on
        }
        return new DemoRecord(record.number(), record.text().toUpperCase(Locale.ROOT));
    }

    private static int number(String property) {
        return property == null || property.isBlank() ? 0 : Integer.parseInt(property.trim());
    }
}
