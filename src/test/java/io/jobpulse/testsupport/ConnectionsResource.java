package io.jobpulse.testsupport;

import io.jobpulse.push.CloseCause;
import io.jobpulse.push.Connection;
import io.jobpulse.push.Hub;
import io.jobpulse.push.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/test/connections}: what the hub knows about each socket ({@code GET}: id, wire
 * format, its topics, its outbox depth), and a server-side close of the sockets subscribed to a job
 * ({@code POST close?jobId=..}), as a restarting node would close them.
 */
@Path("/test/connections")
@ApplicationScoped
public class ConnectionsResource {

    @Inject
    Hub hub;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonArray list() {
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

    @POST
    @Path("/close")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject close(@QueryParam("jobId") String jobId) {
        int closed = 0;
        for (Connection c : hub.connections()) {
            if (jobId != null && c.topics().contains(Topic.job(jobId))) {
                c.close(CloseCause.SERVER_STOPPING, "closed by the test");
                closed++;
            }
        }
        return Json.createObjectBuilder().add("closed", closed).build();
    }
}
