package io.jobpulse.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** Chooses the {@link JobStore}. For now the in-memory one; durable stores plug in here. */
@ApplicationScoped
public class StoreProducer {

    @Produces
    @ApplicationScoped
    JobStore store() {
        return new MemoryJobStore(Clock.systemUTC());
    }
}
