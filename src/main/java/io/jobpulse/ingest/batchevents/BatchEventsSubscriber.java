package io.jobpulse.ingest.batchevents;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

/**
 * Subscribes to Liberty's batch event topics ({@code batch//.} on the embedded engine, through the
 * activation spec {@code jms/jobpulse/batchEvents}). That spec does not start unless
 * {@code jobpulse.batch-events} is {@code true} (liberty-config/messaging.xml), so by default this
 * bean never receives anything.
 *
 * <p>One consumer keeps the topic's order. Liberty publishes every event as a {@code TextMessage}
 * holding JSON; anything else is counted as malformed by the bridge.
 */
@MessageDriven(name = "BatchEvents", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic")
})
public class BatchEventsSubscriber implements MessageListener {

    @Inject
    BatchEventsBridge bridge;

    @Override
    public void onMessage(Message message) {
        String topic;
        String body;
        String id;
        try {
            topic = message.getJMSDestination() instanceof Topic t ? t.getTopicName() : null;
            body = message instanceof TextMessage text ? text.getText() : null;
            id = message.getJMSMessageID();
        } catch (JMSException e) {
            throw new IllegalStateException("could not read a batch event message", e); // redelivered
        }
        bridge.receive(id, topic, body);
    }
}
