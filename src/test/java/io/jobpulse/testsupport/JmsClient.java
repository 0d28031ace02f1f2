package io.jobpulse.testsupport;

import io.jobpulse.ingest.jms.DeadLetters;
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

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.nio.charset.StandardCharsets;

/**
 * The JMS code of the test resources, looked up when called. Not a bean and nothing with a JMS type
 * in the resources themselves: the test archive runs on servers with JMS ingest off too, which have
 * no JMS API, and there a resource with a JMS field would make the start warn.
 */
final class JmsClient {

    private JmsClient() {
    }

    private static <T> T lookup(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("no " + name + ": is JMS ingest on (JOBPULSE_JMS=on)?", e);
        }
    }

    private static ConnectionFactory factory() {
        return lookup("jms/jobpulse/connectionFactory");
    }

    /** Puts {@code body} on the ingest queue as a text, bytes or map message. */
    static void send(String body, String as, String correlationId) {
        try (JMSContext context = factory().createContext()) {
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
            context.createProducer().send(JmsClient.<Queue>lookup("jms/jobpulse/events"), message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ok}, or the refusal's exception and message. */
    static String access(String body, String user, String password, String action) {
        try (JMSContext context = factory().createContext(user, password)) {
            if ("send".equals(action)) {
                context.createProducer().send(JmsClient.<Queue>lookup("jms/jobpulse/events"), body);
            } else {
                try (JMSConsumer consumer = context.createConsumer(lookup("jms/jobpulse/deadLetters"))) {
                    consumer.receiveNoWait();
                }
            }
            return "ok";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** The dead letters of {@code correlationId}, waiting up to 10 s for the first. */
    static JsonArray deadLetters(String correlationId) {
        JsonArrayBuilder letters = Json.createArrayBuilder();
        try (JMSContext context = factory().createContext();
             JMSConsumer consumer = context.createConsumer(lookup("jms/jobpulse/deadLetters"),
                     "JMSCorrelationID = '" + correlationId + "'")) {
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
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        return letters.build();
    }

    /** Publishes {@code body} on a topic of the engine, as text or (a type Liberty never sends) bytes. */
    static void publish(String topic, String as, String body) {
        try (JMSContext context = factory().createContext()) {
            var destination = context.createTopic(topic);
            if ("bytes".equals(as)) {
                context.createProducer().send(destination, body.getBytes(StandardCharsets.UTF_8));
            } else {
                context.createProducer().send(destination, body);
            }
        }
    }
}
