package io.jobpulse.ingest.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.logging.Logger;

/**
 * Says at startup whether the embedded messaging engine listens on the network, and refuses to start
 * when the listener was asked for but is not configured to keep strangers out. The listener itself is
 * Liberty configuration: {@code liberty-config/messaging.xml} includes {@code jms-listener-on.xml}
 * when the environment variable {@code JOBPULSE_JMS_LISTENER} is {@code on}, and that file sets the
 * server variable {@code jobpulse.jms.listener-file}; Liberty hands server variables and the
 * environment to MicroProfile Config, which is how this class sees both.
 */
@ApplicationScoped
public class JmsListener {

    private static final Logger LOG = Logger.getLogger(JmsListener.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LOG.info(describe(ConfigProvider.getConfig()));
    }

    /** The startup line; throws "jobpulse refuses to start: ..." naming the setting to fix. */
    static String describe(Config config) {
        String listener = config.getOptionalValue("jobpulse.jms.listener", String.class).map(String::strip).orElse("off");
        boolean included = "included".equals(value(config, "jobpulse.jms.listener-file", ""));
        if (!included) {
            if (listener.equals("off")) {
                return "jobpulse JMS: embedded engine, in-process only (no network listener; JOBPULSE_JMS_LISTENER=on "
                        + "opens one that requires credentials)";
            }
            if (listener.equals("on")) {
                throw refused("jobpulse.jms.listener=on, but the listener configuration (jms-listener-on.xml, included "
                        + "by messaging.xml) is not in the server: set JOBPULSE_JMS_LISTENER as an environment "
                        + "variable and keep both files in the server's configuration folder");
            }
            throw refused("JOBPULSE_JMS_LISTENER must be 'on' or 'off' (the default), not '" + listener + "'");
        }
        // The file is in: the listener is open, whatever else says otherwise, so it must keep strangers out.
        for (String secret : new String[] {"jobpulse.jms.password", "jobpulse.jms.engine-password"}) {
            if (value(config, secret, "").isEmpty()) {
                throw refused("the JMS listener (JOBPULSE_JMS_LISTENER=on) requires credentials, and " + envName(secret)
                        + " is empty: without it no one can log in");
            }
        }
        return "jobpulse JMS: network listener on " + value(config, "jobpulse.jms.host", "localhost") + ":"
                + value(config, "jobpulse.jms.port", "7276") + " (plain TCP), requires credentials: producers log in as "
                + value(config, "jobpulse.jms.user", "jobpulse-publisher")
                + " and may only send to jobpulse.events; other users and wrong passwords are refused";
    }

    private static String value(Config config, String name, String fallback) {
        return config.getOptionalValue(name, String.class).map(String::strip).orElse(fallback);
    }

    private static String envName(String name) {
        return name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static IllegalStateException refused(String why) {
        return new IllegalStateException("jobpulse refuses to start: " + why + " (docs/security.md, \"JMS ingest\")");
    }
}
