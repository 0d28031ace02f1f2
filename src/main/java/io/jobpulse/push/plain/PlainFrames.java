package io.jobpulse.push.plain;

import io.jobpulse.job.Job;
import io.jobpulse.push.session.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** Encodes replies of the plain protocol: {@code {"type":"ack",...}} and {@code {"type":"error",...}}. */
@ApplicationScoped
public class PlainFrames {

    @Inject
    Jsonb jsonb;

    /** @param id the request's {@code "id"}, echoed as sent (string or number), or null */
    public String reply(JsonValue id, String op, Reply reply) {
        if (reply instanceof Reply.Error e) {
            return error(id, op, e.code(), e.message());
        }
        Reply.Ok ok = (Reply.Ok) reply;
        return jsonb.toJson(new Ack("ack", id, op, true, ok.upToDate(), ok.jobs()));
    }

    public String error(JsonValue id, String op, String code, String message) {
        return jsonb.toJson(new Error("error", id, op, code, message));
    }

    @JsonbPropertyOrder({"type", "id", "op", "ok", "upToDate", "jobs"})
    public record Ack(String type, JsonValue id, String op, boolean ok, boolean upToDate, List<Job> jobs) {
    }

    @JsonbPropertyOrder({"type", "id", "op", "code", "message"})
    public record Error(String type, JsonValue id, String op, String code, String message) {
    }
}
