package io.jobpulse.testsupport;

import io.jobpulse.push.CloseCause;
import io.jobpulse.push.Connection;
import io.jobpulse.push.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;

/**
 * {@code POST /api/test/sockets/cut?refuseSeconds=N}: closes every socket connection, plain and
 * Socket.IO, as a stopping server would (1001, no Socket.IO disconnect, so clients reconnect) and
 * refuses new handshakes for N seconds; {@code POST /api/test/sockets/allow} accepts them again at
 * once. Lets browser tests cut a page's socket.
 */
@Path("/test/sockets")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SocketCutResource {

    @Inject
    Hub hub;

    @Inject
    SocketGate gate;

    @POST
    @Path("/cut")
    public JsonObject cut(@QueryParam("refuseSeconds") @DefaultValue("0") int refuseSeconds) {
        // Refuse first, so no client gets back in between the close and the refusal.
        gate.refuseFor(Duration.ofSeconds(refuseSeconds));
        int closed = 0;
        for (Connection c : hub.connections()) {
            c.close(CloseCause.SERVER_STOPPING, "cut by a test");
            closed++;
        }
        return Json.createObjectBuilder().add("closed", closed).build();
    }

    @POST
    @Path("/allow")
    public JsonObject allow() {
        gate.open();
        return Json.createObjectBuilder().add("refusing", gate.refusing()).build();
    }
}
