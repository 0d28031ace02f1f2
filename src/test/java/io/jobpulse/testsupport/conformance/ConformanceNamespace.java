package io.jobpulse.testsupport.conformance;

import io.jobpulse.push.session.Reply;
import io.jobpulse.push.socketio.JobsNamespace;
import io.jobpulse.push.socketio.SocketIoClient;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * The handlers the official Socket.IO protocol test suite expects of a server, on top of the
 * product's: every namespace connection is greeted with {@code ["auth", <its auth payload>]},
 * {@code message} is echoed as {@code message-back}, {@code message-with-ack} is acknowledged
 * with its own arguments, and a {@code /custom} namespace exists. Everything else, including
 * {@code subscribe}, goes to the product's {@link JobsNamespace}.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class ConformanceNamespace extends JobsNamespace {

    static final String CUSTOM = "/custom";

    @Override
    public boolean serves(String namespace) {
        return CUSTOM.equals(namespace) || super.serves(namespace);
    }

    @Override
    public void connect(SocketIoClient client, String namespace, JsonObject auth) {
        if (CUSTOM.equals(namespace)) {
            client.accept(namespace);
        } else {
            super.connect(client, namespace, auth);
        }
        if (client.joined(namespace)) {
            client.emit(namespace, "auth", Json.createArrayBuilder().add(auth).build());
        }
    }

    @Override
    public void event(SocketIoClient client, String namespace, String event, JsonArray args, Long ackId, Reply.Error limited) {
        if (limited != null) {
            if (super.serves(namespace)) {
                super.event(client, namespace, event, args, ackId, limited);
            }
        } else if ("message".equals(event)) {
            client.emit(namespace, "message-back", args);
        } else if ("message-with-ack".equals(event) && ackId != null) {
            client.ack(namespace, ackId, args);
        } else if (super.serves(namespace)) {
            super.event(client, namespace, event, args, ackId, null);
        }
    }

    @Override
    public void disconnect(SocketIoClient client, String namespace) {
        if (super.serves(namespace)) {
            super.disconnect(client, namespace);
        }
    }
}
