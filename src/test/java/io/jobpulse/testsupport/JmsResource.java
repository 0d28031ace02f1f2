package io.jobpulse.testsupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * A JMS producer and a dead-letter reader inside the server, where the embedded messaging engine is:
 * {@code POST /api/test/jms/send?as=text|bytes|map&correlationId=} puts the body on the ingest queue;
 * {@code GET /api/test/jms/dead-letters?correlationId=} takes that correlation id's dead letters
 * (waiting up to 10 s for the first); {@code POST /api/test/jms/access?user=&password=&action=} tries
 * what a producer logging in as {@code user} may do. The JMS code is in {@link JmsClient}.
 */
@Path("/test/jms")
@ApplicationScoped
public class JmsResource {

    @POST
    @Path("/send")
    @Consumes(MediaType.WILDCARD)
    public void send(String body, @QueryParam("as") @DefaultValue("text") String as,
                     @QueryParam("correlationId") String correlationId) {
        JmsClient.send(body, as, correlationId);
    }

    /**
     * What {@code user} may do, logging in with {@code password} through the connection factory
     * {@code jms/jobpulse/connectionFactory} (on a producer node it points at another server's listener):
     * {@code action=send} puts the body on the ingest queue, {@code action=read-dead-letters} opens a
     * consumer on the dead-letter queue. Answers {@code ok} or the refusal's exception and message.
     */
    @POST
    @Path("/access")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String access(String body, @QueryParam("user") String user, @QueryParam("password") String password,
                         @QueryParam("action") @DefaultValue("send") String action) {
        return JmsClient.access(body, user, password, action);
    }

    @GET
    @Path("/dead-letters")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonArray deadLetters(@QueryParam("correlationId") String correlationId) {
        return JmsClient.deadLetters(correlationId);
    }
}
