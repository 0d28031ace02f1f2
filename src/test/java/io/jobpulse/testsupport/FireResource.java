package io.jobpulse.testsupport;

import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code POST /api/test/fire}: fires the posted events as CDI {@code JobEvent}s.
 * {@code tx=commit|rollback} wraps them in a JTA transaction; {@code threads=N} fires the array
 * from N threads at once. Answers the job's stored version before and after the transaction ends.
 */
@Path("/test")
@ApplicationScoped
public class FireResource {

    @Inject
    Event<JobEvent> events;

    @Inject
    JobStore store;

    @Resource
    UserTransaction tx;

    @POST
    @Path("/fire")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject fire(JsonArray body, @QueryParam("tx") String txMode,
                           @QueryParam("threads") @DefaultValue("1") int threads) throws Exception {
        List<JobEvent> list = new ArrayList<>();
        for (JsonValue v : body) {
            list.add(toEvent(v.asJsonObject()));
        }
        String jobId = list.isEmpty() ? null : list.get(0).jobId();
        if (txMode == null) {
            fireAll(list, threads);
            return Json.createObjectBuilder().add("version", version(jobId)).build();
        }
        tx.begin();
        fireAll(list, 1);
        long inside = version(jobId);
        if ("rollback".equals(txMode)) {
            tx.rollback();
        } else {
            tx.commit();
        }
        return Json.createObjectBuilder()
                .add("versionInsideTx", inside)
                .add("version", version(jobId))
                .build();
    }

    private void fireAll(List<JobEvent> list, int threads) throws Exception {
        if (threads <= 1) {
            list.forEach(events::fire);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (JobEvent e : list) {
                done.add(pool.submit(() -> events.fire(e)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private long version(String jobId) {
        return store.find(jobId).map(j -> j.version()).orElse(0L);
    }

    private static JobEvent toEvent(JsonObject o) {
        return new JobEvent(JobEvent.Kind.valueOf(o.getString("kind").toUpperCase()),
                o.getString("jobId", null), o.getString("userId", null), o.getString("jobType", null),
                o.containsKey("progress") ? o.getInt("progress") : null, o.getString("message", null),
                o.get("result"), o.getString("error", null), null);
    }
}
