package io.jobpulse.testsupport;

import io.jobpulse.push.Connection;
import io.jobpulse.push.Hub;
import io.jobpulse.push.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/test/connections}: what the hub holds, so tests can see server-side state. */
@Path("/test/connections")
@ApplicationScoped
public class ConnectionsResource {

    @Inject
    Hub hub;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonArray connections() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (Connection c : hub.connections()) {
            JsonArrayBuilder topics = Json.createArrayBuilder();
            for (Topic t : c.topics()) {
                topics.add(t.kind().name().toLowerCase() + ":" + t.id());
            }
            all.add(Json.createObjectBuilder()
                    .add("id", c.id())
                    .add("format", c.format().name())
                    .add("topics", topics)
                    .add("depth", c.outbox().depth())
                    .add("highWaterMark", c.outbox().highWaterMark()));
        }
        return all.build();
    }
}
