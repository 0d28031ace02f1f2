package io.jobpulse.ingest.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Says at startup whether JMS ingest is on and whether the embedded messaging engine listens on the
 * network, and refuses to start when a listener was asked for that would not keep strangers out or
 * that has no JMS ingest to serve. Both are Liberty configuration: {@code liberty-config/jobpulse.xml}
 * includes {@code jms-on.xml} when the environment variable {@code JOBPULSE_JMS} is {@code on}, which
 * includes {@code jms-listener-on.xml} when {@code JOBPULSE_JMS_LISTENER} is {@code on}; each file
 * sets a server variable ({@code jobpulse.jms.ingest-file}, {@code jobpulse.jms.listener-file}).
 * Liberty hands server variables and the environment to MicroProfile Config, which is how this class
 * sees both. It uses no JMS type: with JMS ingest off the server has no messaging feature.
 */
@ApplicationScoped
public class JmsStatus {

    private static final Logger LOG = Logger.getLogger(JmsStatus.class.getName());

    /** The startup line and how loud it is. */
    record Line(Level level, String text) {
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Line line = describe(ConfigProvider.getConfig(), JmsStatus::engineBound);
        LOG.log(line.level(), line.text());
    }

    /**
     * The startup line; throws "jobpulse refuses to start: ..." naming the setting to fix.
     *
     * @param engineBound whether the ingest connection factory is in JNDI, asked only with jms-on.xml read
     */
    static Line describe(Config config, BooleanSupplier engineBound) {
        boolean ingest = "included".equals(value(config, "jobpulse.jms.ingest-file", ""));
        if (ingest && !engineBound.getAsBoolean()) {
            // Liberty re-reads the feature list at a warm start only when a configuration file is newer
            // than the last start (or a cached variable changed), not when an environment variable
            // picked another file: the previous start's features, without messaging, stay.
            throw refused("JOBPULSE_JMS=on and Liberty read jms-on.xml, but it kept the features of the previous start "
                    + "(no messaging engine, no jms/jobpulse/connectionFactory): start the server once with "
                    + "'server start --clean' (or touch jms-on.xml)");
        }
        boolean listenerIncluded = "included".equals(value(config, "jobpulse.jms.listener-file", ""));
        String listener = config.getOptionalValue("jobpulse.jms.listener", String.class).map(String::strip).orElse("off");
        if (listenerIncluded) {
            // The file is in: the listener is open, whatever else says otherwise, so it must keep strangers out.
            return open(config);
        }
        if (listener.equals("on")) {
            throw refused(ingest
                    ? "jobpulse.jms.listener=on, but the listener configuration (jms-listener-on.xml, included by "
                    + "jms-on.xml) is not in the server: set JOBPULSE_JMS_LISTENER as an environment variable and "
                    + "keep both files in the server's configuration folder"
                    : "JOBPULSE_JMS_LISTENER=on opens the network listener of JMS ingest, and JMS ingest is off: set "
                    + "JOBPULSE_JMS=on as well, or drop JOBPULSE_JMS_LISTENER. Nothing was opened");
        }
        if (!listener.equals("off")) {
            throw refused("JOBPULSE_JMS_LISTENER must be 'on' or 'off' (the default), not '" + listener + "'");
        }
        if (ingest) {
            return new Line(Level.INFO, "jobpulse JMS ingest: on, embedded engine, in-process only (no network listener; "
                    + "JOBPULSE_JMS_LISTENER=on opens one that requires credentials)");
        }
        String jms = config.getOptionalValue("jobpulse.jms", String.class).map(String::strip).orElse("off");
        if (jms.equals("on")) {
            return new Line(Level.WARNING, "jobpulse.jms is on, but Liberty did not read jms-on.xml: set the environment "
                    + "variable JOBPULSE_JMS=on (the server's environment or its server.env), the only place Liberty reads "
                    + "it from, and keep jms-on.xml and messaging.xml of this release. JMS ingest stays off");
        }
        if (!jms.equals("off")) {
            return new Line(Level.WARNING, "JOBPULSE_JMS=" + jms + " is neither on nor off: JMS ingest stays off");
        }
        return new Line(Level.INFO, "jobpulse JMS ingest: off, no messaging engine for it (JOBPULSE_JMS=on turns it on)");
    }

    private static boolean engineBound() {
        try {
            new InitialContext().lookup("jms/jobpulse/connectionFactory");
            return true;
        } catch (NamingException e) {
            return false;
        }
    }

    private static Line open(Config config) {
        for (String secret : new String[] {"jobpulse.jms.password", "jobpulse.jms.engine-password"}) {
            if (value(config, secret, "").isEmpty()) {
                throw refused("the JMS listener (JOBPULSE_JMS_LISTENER=on) requires credentials, and " + envName(secret)
                        + " is empty: without it no one can log in");
            }
        }
        return new Line(Level.INFO, "jobpulse JMS ingest: on, network listener on " + value(config, "jobpulse.jms.host", "localhost")
                + ":" + value(config, "jobpulse.jms.port", "7276") + " (plain TCP), requires credentials: producers log in as "
                + value(config, "jobpulse.jms.user", "jobpulse-publisher")
                + " and may only send to jobpulse.events; other users and wrong passwords are refused");
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
