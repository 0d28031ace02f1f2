package io.jobpulse.demo;

import io.jobpulse.security.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Whether the demo producers are served: {@code jobpulse.demo.enabled} if set, else on exactly when
 * security is off. Demo endpoints start jobs for anyone, which belongs to the open local demo, not to
 * a production server that requires tokens.
 */
@ApplicationScoped
public class DemoSwitch {

    private final boolean enabled;

    @Inject
    public DemoSwitch(Config config, TokenVerifier verifier) {
        this.enabled = config.getOptionalValue("jobpulse.demo.enabled", Boolean.class).orElse(!verifier.enabled());
    }

    /** For the CDI proxy only. */
    protected DemoSwitch() {
        this.enabled = false;
    }

    public boolean enabled() {
        return enabled;
    }
}
