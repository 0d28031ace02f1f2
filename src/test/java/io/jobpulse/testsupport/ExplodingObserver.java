package io.jobpulse.testsupport;

import io.jobpulse.job.JobChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A broken observer of job changes: throws for jobs whose id starts with "boom". */
@ApplicationScoped
public class ExplodingObserver {

    void onChange(@Observes JobChanged changed) {
        if (changed.job().jobId().startsWith("boom")) {
            throw new IllegalStateException("observer failure for the test");
        }
    }
}
