package io.jobpulse.testsupport;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Publishes a message on a topic of the embedded engine, as Liberty's batch runtime does:
 * {@code POST /api/test/batch-topic?topic=batch/jobs/execution/completed} with the JSON as body, or
 * {@code &as=bytes} for a message type Liberty never sends. For the tests of what jobpulse does with
 * events it cannot use, or receives twice.
 */
@Path("/test/batch-topic")
@ApplicationScoped
public class BatchTopicResource {

    @Resource(lookup = "jms/jobpulse/connectionFactory")
    ConnectionFactory factory;

    @POST
    @Consumes(MediaType.WILDCARD)
    public void publish(@QueryParam("topic") String topic, @QueryParam("as") String as, String body) {
        try (JMSContext context = factory.createContext()) {
            var destination = context.createTopic(topic);
            if ("bytes".equals(as)) {
                context.createProducer().send(destination, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else {
                context.createProducer().send(destination, body);
            }
        }
    }
}
