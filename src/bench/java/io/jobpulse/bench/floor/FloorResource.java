package io.jobpulse.bench.floor;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** {@code POST /api/jobs/events} and {@code GET /api/jobs?userId=}, as the peer serves them. */
@Path("jobs")
@Produces(MediaType.APPLICATION_JSON)
public class FloorResource {

    private static final int MAX_BATCH = 1000;

    @POST
    @Path("events")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ingest(InputStream body) {
        JsonValue parsed;
        try (var reader = Json.createReader(body)) {
            parsed = reader.readValue();
        } catch (JsonException e) {
            return Response.status(400).entity(error("invalid-json")).build();
        }
        JsonArray events = parsed instanceof JsonArray a ? a : Json.createArrayBuilder().add(parsed).build();
        if (events.isEmpty() || events.size() > MAX_BATCH) {
            return Response.status(events.isEmpty() ? 400 : 413).entity(error("batch-size")).build();
        }
        JsonArrayBuilder results = Json.createArrayBuilder();
        boolean anyAccepted = false;
        for (int i = 0; i < events.size(); i++) {
            JsonObject result = FloorJobs.INSTANCE.apply(i, events.get(i));
            anyAccepted |= !"rejected".equals(result.getString("outcome"));
            results.add(result);
        }
        JsonObject answer = Json.createObjectBuilder().add("results", results).build();
        return Response.status(anyAccepted ? 202 : 400).entity(answer.toString()).build();
    }

    @GET
    public String userJobs(@QueryParam("userId") String userId, @DefaultValue("50") @QueryParam("limit") int limit) {
        return FloorJobs.INSTANCE.userJobs(userId, limit).toString();
    }

    private static String error(String code) {
        return Json.createObjectBuilder().add("code", code).build().toString();
    }
}
