package io.jobpulse.bench.floor;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The floor's two resources, without CDI (no bean archive) so nothing but JAX-RS is involved. */
@ApplicationPath("/api")
public class FloorApplication extends Application {

    @Override
    public Set<Object> getSingletons() {
        return Set.of(new FloorResource());
    }
}
