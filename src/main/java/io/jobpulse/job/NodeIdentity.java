package io.jobpulse.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which server this is, the same after a restart: {@code jobpulse.node.id}, else the host name and
 * the Liberty server name. Jobs whose producer lives in this server carry it ({@link Job#node()}),
 * so that after a crash this server, and only this one, ends them as interrupted.
 */
@ApplicationScoped
public class NodeIdentity {

    /** Read as an optional value: unset means a name derived from the host. */
    @Inject
    Config config;

    private String id;

    public String id() {
        if (id == null) {
            id = config.getOptionalValue("jobpulse.node.id", String.class).map(String::trim).filter(s -> !s.isEmpty()).orElseGet(NodeIdentity::derived);
        }
        return id;
    }

    private static String derived() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "/" + System.getProperty("wlp.server.name", "jobpulse");
    }
}
