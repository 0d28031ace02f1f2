package io.jobpulse.ingest.jms;

import io.jobpulse.job.LogText;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;

import java.util.Collections;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts what JMS ingest could not use on the dead-letter queue ({@code jms/jobpulse/deadLetters}) with
 * the reason as message properties: {@code jobpulseCode} (stable), {@code jobpulseReason} (what to
 * fix), {@code jobpulseIndex} (the event's position in an array, -1 for the whole message) and
 * {@code jobpulseOriginalMessageId}. The original's correlation id and own properties are kept.
 *
 * <p>A failure to send is thrown on: the bean's transaction then rolls back and the message is
 * redelivered, and after too many attempts the engine moves it to the same queue itself.
 *
 * <p>Not a CDI bean, on purpose: {@link JmsIngest} injects the factory and the queue and makes one.
 * A bean with JMS resources injected would be loaded on every start, and with JMS ingest off the
 * server has no JMS API: the start would warn that its class cannot be loaded.
 */
public final class DeadLetters {

    public static final String CODE = "jobpulseCode";
    public static final String REASON = "jobpulseReason";
    public static final String INDEX = "jobpulseIndex";
    public static final String ORIGINAL_ID = "jobpulseOriginalMessageId";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    private final ConnectionFactory factory;
    private final Queue queue;

    DeadLetters(ConnectionFactory factory, Queue queue) {
        this.factory = factory;
        this.queue = queue;
    }

    /** Sends {@code body} (the whole message, or one event of it) with the reason it was not applied. */
    public void send(Message original, String body, int index, String code, String reason) {
        try (JMSContext context = factory.createContext()) {
            TextMessage letter = context.createTextMessage(body == null ? "" : body);
            copyProperties(original, letter);
            letter.setJMSCorrelationID(original.getJMSCorrelationID());
            letter.setStringProperty(CODE, code);
            letter.setStringProperty(REASON, reason);
            letter.setIntProperty(INDEX, index);
            letter.setStringProperty(ORIGINAL_ID, original.getJMSMessageID());
            context.createProducer().send(queue, letter);
        } catch (JMSException e) {
            throw new IllegalStateException("could not dead-letter a JMS message", e);
        }
        LOG.log(Level.INFO, "Dead-lettered JMS event (index {0}): {1} {2}",
                new Object[]{index, code, LogText.safe(reason)});
    }

    /** The producer's own properties; the provider's (JMS*, JMSX*) are its business. */
    private static void copyProperties(Message from, Message to) throws JMSException {
        for (Object name : Collections.list(from.getPropertyNames())) {
            String property = (String) name;
            if (!property.startsWith("JMS")) {
                to.setObjectProperty(property, from.getObjectProperty(property));
            }
        }
    }
}
