package io.jobpulse.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * The one {@link Jsonb} of the application: polling, both socket protocols and ingest share it, so
 * a job looks the same everywhere. {@code Jsonb} is thread-safe and costly to build.
 */
@ApplicationScoped
public class JsonbProducer {

    @Produces
    @ApplicationScoped
    Jsonb jsonb() {
        return create();
    }

    /** A new instance configured like the shared one (for code outside CDI, such as unit tests). */
    public static Jsonb create() {
        return JsonbBuilder.create(new JsonbConfig().withAdapters(new JobStatus.JsonAdapter()));
    }

    void close(@Disposes Jsonb jsonb) throws Exception {
        jsonb.close();
    }
}
