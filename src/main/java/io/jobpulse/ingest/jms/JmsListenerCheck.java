package io.jobpulse.ingest.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.logging.Logger;

/**
 * Says at startup whether the embedded messaging engine listens on the network, and refuses to start
 * when it does without the credentials its messaging security needs. The listener itself is Liberty
 * configuration (off in {@code liberty-config/messaging.xml}, on with
 * {@code liberty-config/optional/messaging-listener.xml}, which sets {@code jobpulse.jms=listener});
 * this class reads those server variables, which Liberty also hands to MicroProfile Config.
 */
@ApplicationScoped
public class JmsListenerCheck {

    private static final Logger LOG = Logger.getLogger(JmsListenerCheck.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LOG.info(describe(ConfigProvider.getConfig()));
    }

    /** The startup line; throws with the missing setting's name when the listener lacks credentials. */
    static String describe(Config config) {
        String mode = value(config, "jobpulse.jms", "embedded");
        switch (mode) {
            case "embedded":
                return "jobpulse JMS: embedded engine, in-process only (no network listener)";
            case "listener":
                for (String secret : new String[] {"jobpulse.jms.password", "jobpulse.jms.engine-password"}) {
                    if (value(config, secret, "").isBlank()) {
                        throw new IllegalStateException("the JMS listener (messaging-listener.xml) needs " + envName(secret)
                                + ": the JMS listener runs with messaging security and nobody can log in without it");
                    }
                }
                return "jobpulse JMS: network listener on " + value(config, "jms.host", "*") + ":"
                        + value(config, "jms.port", "7276") + " (TLS " + value(config, "jms.ssl.port", "7286")
                        + "), messaging security on: producers log in as " + value(config, "jobpulse.jms.user",
                        "jobpulse-publisher") + " and may only send to jobpulse.events";
            default:
                throw new IllegalStateException("jobpulse.jms is set by the server configuration (embedded or "
                        + "listener), not '" + mode + "'");
        }
    }

    private static String value(Config config, String name, String fallback) {
        return config.getOptionalValue(name, String.class).map(String::strip).orElse(fallback);
    }

    private static String envName(String name) {
        return name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
