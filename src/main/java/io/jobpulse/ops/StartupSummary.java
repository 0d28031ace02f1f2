package io.jobpulse.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Logs one line when the application is up: the mode (security, store, database, cluster) and every
 * {@code jobpulse.*} setting that differs from its documented default (the defaults are in the
 * README), so the effective configuration of a node is one log search away. Values of keys that
 * look secret are masked, and so are passwords inside URIs.
 */
@ApplicationScoped
public class StartupSummary {

    private static final Logger LOG = Logger.getLogger(StartupSummary.class.getName());

    /**
     * What liberty-config/server.env sets when the environment does not, so every server has them:
     * at these values they are the defaults, not changes (names in their dotted form).
     */
    private static final Map<String, String> SERVER_ENV_DEFAULTS = Map.of(
            "jobpulse.jms", "off", "jobpulse.jms.listener", "off");

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LOG.info(summary(ConfigProvider.getConfig()));
    }

    static String summary(Config config) {
        boolean secured = config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent()
                || config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isPresent();
        String store = config.getOptionalValue("jobpulse.store", String.class).orElse("jdbc");
        String mode = "security=" + (secured ? "on" : "OFF (open demo mode)")
                + ", store=" + store
                + ("jdbc".equals(store) ? " (" + withoutPassword(config.getOptionalValue("jobpulse.db.url", String.class)
                .orElse("embedded H2")) + ")" : "")
                + ", cluster=" + config.getOptionalValue("jobpulse.redis.uri", String.class)
                .map(StartupSummary::withoutPassword).orElse("off");
        Map<String, String> changed = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            // dotted names come from properties files and system properties, JOBPULSE_* from the
            // environment; jobpulse.db.* are Liberty server variables, always present, shown above
            if ((name.startsWith("jobpulse.") || name.startsWith("JOBPULSE_"))
                    && !name.startsWith("jobpulse.db.") && !name.startsWith("JOBPULSE_DB_")) {
                config.getOptionalValue(name, String.class)
                        .filter(value -> !value.equals(SERVER_ENV_DEFAULTS.get(name.toLowerCase(Locale.ROOT).replace('_', '.'))))
                        .ifPresent(value -> changed.put(name, secret(name) ? "****" : withoutPassword(value)));
            }
        }
        return "jobpulse started: " + mode + "; settings changed from their defaults: "
                + (changed.isEmpty() ? "none" : changed.toString());
    }

    /**
     * {@code redis://user:pass@host} → {@code redis://****@host}, and the value of any URL parameter
     * that names a secret ({@code ?password=}, {@code ;PASSWORD=} in JDBC URLs, {@code sslkey=} ...)
     * → {@code ****}.
     */
    static String withoutPassword(String value) {
        return value.replaceAll("(?<=://)[^/@\\s]+@", "****@")
                .replaceAll("(?i)([?&;][^=&;?\\s]*(?:password|pwd|secret|token|key)[^=&;?\\s]*=)[^&;\\s]*", "$1****");
    }

    private static boolean secret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("password") || n.contains("secret") || n.contains("token") || n.contains("key")
                || n.contains("credential");
    }
}
