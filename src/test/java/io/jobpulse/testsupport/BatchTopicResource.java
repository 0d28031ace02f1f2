package io.jobpulse.testsupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Publishes a message on a topic of the embedded engine, as Liberty's batch runtime does:
 * {@code POST /api/test/batch-topic?topic=batch/jobs/execution/completed} with the JSON as body, or
 * {@code &as=bytes} for a message type Liberty never sends. For the tests of what jobpulse does with
 * events it cannot use, or receives twice. The JMS code is in {@link JmsClient}.
 */
@Path("/test/batch-topic")
@ApplicationScoped
public class BatchTopicResource {

    @POST
    @Consumes(MediaType.WILDCARD)
    public void publish(@QueryParam("topic") String topic, @QueryParam("as") String as, String body) {
        JmsClient.publish(topic, as, body);
    }
}
