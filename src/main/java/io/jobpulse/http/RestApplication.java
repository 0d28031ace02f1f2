package io.jobpulse.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** All JAX-RS resources live under {@code /api}; the OpenAPI document at {@code /openapi} describes them. */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "jobpulse", version = "1",
                description = "Real-time job progress. Jobs are produced by application code (CDI), HTTP ingest, "
                        + "Jakarta Batch and JMS, and consumed over two WebSocket protocols and this HTTP API. "
                        + "The sockets are not HTTP resources, so they are described in docs/protocol.md: "
                        + "ws://host/ws/jobs (plain JSON frames: {\"op\":\"subscribe\",\"jobId\"|\"userId\":..} "
                        + "then pushes {\"type\":\"job.progress|job.completed|job.failed\",\"data\":{..}}) and "
                        + "ws://host/socket.io/?EIO=4&transport=websocket (Socket.IO v4: emit 'subscribe', receive "
                        + "'job:progress', 'job:completed', 'job:failed'). Errors are application/problem+json.",
                license = @License(name = "Apache-2.0")),
        tags = {
                @Tag(name = "jobs", description = "Job state for polling, long-polling and listing"),
                @Tag(name = "demo", description = "Demo producers (jobpulse.demo.enabled)")})
public class RestApplication extends Application {
}
