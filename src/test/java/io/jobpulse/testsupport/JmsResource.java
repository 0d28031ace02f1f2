package io.jobpulse.testsupport;

import io.jobpulse.ingest.jms.DeadLetters;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.nio.charset.StandardCharsets;

/**
 * A JMS producer and a dead-letter reader inside the server, where the embedded messaging engine is:
 * {@code POST /api/test/jms/send?as=text|bytes|map&correlationId=} puts the body on the ingest queue;
 * {@code GET /api/test/jms/dead-letters?correlationId=} takes that correlation id's dead letters
 * (waiting up to 10 s for the first); {@code POST /api/test/jms/access?user=&password=&action=} tries
 * what a producer logging in as {@code user} may do.
 */
@Path("/test/jms")
@ApplicationScoped
public class JmsResource {

    @Resource(lookup = "jms/jobpulse/connectionFactory")
    ConnectionFactory factory;

    @Resource(lookup = "jms/jobpulse/events")
    Queue events;

    @Resource(lookup = "jms/jobpulse/deadLetters")
    Queue deadLetters;

    @POST
    @Path("/send")
    @Consumes(MediaType.WILDCARD)
    public void send(String body, @QueryParam("as") @DefaultValue("text") String as,
                     @QueryParam("correlationId") String correlationId) throws JMSException {
        try (JMSContext context = factory.createContext()) {
            Message message = switch (as) {
                case "bytes" -> {
                    BytesMessage b = context.createBytesMessage();
                    b.writeBytes(body.getBytes(StandardCharsets.UTF_8));
                    yield b;
                }
                case "map" -> {
                    var m = context.createMapMessage();
                    m.setString("json", body);
                    yield m;
                }
                default -> context.createTextMessage(body);
            };
            message.setJMSCorrelationID(correlationId);
            message.setStringProperty("producer", "it");
            context.createProducer().send(events, message);
        }
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
                         @QueryParam("action") @DefaultValue("send") String action) throws NamingException {
        ConnectionFactory remote = InitialContext.doLookup("jms/jobpulse/connectionFactory");
        try (JMSContext context = remote.createContext(user, password)) {
            if ("send".equals(action)) {
                context.createProducer().send(events, body);
            } else {
                try (JMSConsumer consumer = context.createConsumer(deadLetters)) {
                    consumer.receiveNoWait();
                }
            }
            return "ok";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @GET
    @Path("/dead-letters")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonArray deadLetters(@QueryParam("correlationId") String correlationId) throws JMSException {
        JsonArrayBuilder letters = Json.createArrayBuilder();
        try (JMSContext context = factory.createContext();
             JMSConsumer consumer = context.createConsumer(deadLetters, "JMSCorrelationID = '" + correlationId + "'")) {
            Message m = consumer.receive(10_000);
            while (m != null) {
                letters.add(Json.createObjectBuilder()
                        .add("body", ((TextMessage) m).getText())
                        .add("code", m.getStringProperty(DeadLetters.CODE))
                        .add("reason", m.getStringProperty(DeadLetters.REASON))
                        .add("index", m.getIntProperty(DeadLetters.INDEX))
                        .add("producer", String.valueOf(m.getStringProperty("producer"))));
                m = consumer.receive(500);
            }
        }
        return letters.build();
    }
}
