package io.jobpulse.ingest.jms;

import io.jobpulse.ingest.EventIngest;
import io.jobpulse.ingest.EventResult;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads job events from the ingest queue ({@code jms/jobpulse/events}): a TextMessage (or UTF-8
 * BytesMessage) holding one event or an array, the same JSON as HTTP ingest, read and applied by
 * the same {@link EventIngest}. Whatever cannot be applied goes to {@link DeadLetters} with its
 * reason: an unreadable message whole, a bad or rejected event on its own (the good events of the
 * same message are applied). An ignored event (late, for a finished job) is not an error and is
 * only counted.
 *
 * <p>Container-managed transaction: the dead-letter send commits with the receive, so a message is
 * either consumed with its dead letters written, or redelivered.
 *
 * <p>Everything with a JMS type lives in this bean and {@link DeadLetters}, which only the EJB
 * container loads: with JMS ingest off (no mdb or messaging feature) no class of the application
 * needs the JMS API.
 */
@MessageDriven(name = "JmsIngest", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class JmsIngest implements MessageListener {

    @Inject
    EventIngest ingest;

    @Resource(lookup = "jms/jobpulse/connectionFactory")
    ConnectionFactory factory;

    @Resource(lookup = "jms/jobpulse/deadLetters")
    Queue deadLetterQueue;

    private DeadLetters deadLetters;

    @PostConstruct
    void init() {
        deadLetters = new DeadLetters(factory, deadLetterQueue);
    }

    @Override
    public void onMessage(Message message) {
        String text;
        try {
            text = text(message);
        } catch (JMSException e) {
            throw new IllegalStateException("could not read a JMS message", e); // redelivered
        }
        if (text == null) {
            deadLetters.send(message, null, -1, "unsupported-message",
                    "send the JSON as a TextMessage or a UTF-8 BytesMessage, not a " + kind(message));
            return;
        }
        if (text.length() > ingest.maxBodyBytes()) {
            deadLetters.send(message, text, -1, "body-too-large", "a message may have at most "
                    + ingest.maxBodyBytes() + " characters (jobpulse.ingest.max-body-bytes)");
            return;
        }
        EventIngest.Body body = ingest.read(text);
        if (body instanceof EventIngest.Body.Unreadable u) {
            deadLetters.send(message, text, -1, u.code(), u.reason());
            return;
        }
        List<JsonValue> events = ((EventIngest.Body.Events) body).events();
        // one store transaction for the whole message, like an HTTP batch
        List<EventResult> results = ingest.acceptAll(events, EventIngest.Source.JMS);
        for (EventResult result : results) {
            if (!result.accepted()) {
                int i = result.index();
                deadLetters.send(message, events.get(i).toString(), i, result.code(), result.reason());
            }
        }
    }

    private static String kind(Message message) {
        if (message instanceof MapMessage) {
            return "MapMessage";
        }
        if (message instanceof ObjectMessage) {
            return "ObjectMessage";
        }
        return message instanceof StreamMessage ? "StreamMessage" : "message without a body";
    }

    /** The message's JSON text, or null for a message type that cannot carry it. */
    private static String text(Message message) throws JMSException {
        if (message instanceof TextMessage t) {
            return t.getText();
        }
        if (message instanceof BytesMessage b) {
            byte[] bytes = new byte[(int) b.getBodyLength()];
            b.readBytes(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return null;
    }
}
