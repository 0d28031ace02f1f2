package io.jobpulse.ingest;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * The answer to {@code POST /api/jobs/events}: counts and one result per event, in body order. When
 * no event was accepted it is also an RFC 9457 problem ({@code type}, {@code title}, {@code status},
 * {@code detail} set; null members are left out).
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "accepted", "rejected", "results"})
public record IngestReport(String type, String title, Integer status, String detail,
                           int accepted, int rejected, List<EventResult> results) {

    static IngestReport of(List<EventResult> results) {
        int accepted = (int) results.stream().filter(EventResult::accepted).count();
        int rejected = results.size() - accepted;
        if (accepted > 0) {
            return new IngestReport(null, null, null, null, accepted, rejected, results);
        }
        return new IngestReport("urn:jobpulse:problem:no-event-accepted", "Bad Request", 400,
                "no event was accepted; see the reason of each", 0, rejected, results);
    }

    boolean anyAccepted() {
        return accepted > 0;
    }
}
