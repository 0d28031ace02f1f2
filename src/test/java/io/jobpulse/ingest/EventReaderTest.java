package io.jobpulse.ingest;

import io.jobpulse.ingest.EventReader.Read;
import io.jobpulse.job.JobEvent;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventReaderTest {

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readValue();
    }

    private static JobEvent event(String text) {
        return assertInstanceOf(Read.Event.class, EventReader.read(json(text))).event();
    }

    private static Read.Invalid invalid(String text) {
        return assertInstanceOf(Read.Invalid.class, EventReader.read(json(text)));
    }

    @Test
    void readsEveryFieldOfTheIngestShape() {
        JobEvent e = event("{'eventId':'e-1','jobId':'j1','userId':'u1','type':'progress','jobType':'report',"
                + "'progress':40,'message':'Parsing','error':null,'result':{'rows':3}}");
        assertEquals(JobEvent.Kind.PROGRESS, e.kind());
        assertEquals("e-1", e.eventId());
        assertEquals("j1", e.jobId());
        assertEquals("u1", e.userId());
        assertEquals("report", e.jobType());
        assertEquals(40, e.progress());
        assertEquals("Parsing", e.message());
        assertNull(e.error(), "null counts as absent");
        assertEquals(3, e.result().asJsonObject().getInt("rows"));
    }

    @Test
    void readsAStallDeadlineInWholeSeconds() {
        assertEquals(120, event("{'jobId':'j','type':'started','staleAfterSeconds':120}").staleAfterSeconds());
        assertNull(event("{'jobId':'j','type':'started'}").staleAfterSeconds());
        assertEquals("invalid_stale_after", invalid("{'jobId':'j','type':'started','staleAfterSeconds':1.5}").code());
        assertEquals("invalid_stale_after", invalid("{'jobId':'j','type':'started','staleAfterSeconds':'60'}").code());
    }

    @Test
    void typeIsTheEventKindInLowerCase() {
        for (JobEvent.Kind kind : JobEvent.Kind.values()) {
            String name = kind.name().toLowerCase();
            assertEquals(kind, event("{'jobId':'j','type':'" + name + "'}").kind());
        }
        assertEquals("invalid_event_type", invalid("{'jobId':'j','type':'STARTED'}").code());
    }

    @Test
    void aJobLabelInTypeIsExplained() {
        Read.Invalid i = invalid("{'jobId':'j','type':'note-import'}");
        assertEquals("invalid_event_type", i.code());
        assertTrue(i.reason().contains("jobType"), i.reason());
    }

    @Test
    void wrongJsonTypesAreReasonsNotErrors() {
        assertEquals("invalid_progress", invalid("{'jobId':'j','type':'progress','progress':'abc'}").code());
        assertEquals("invalid_progress", invalid("{'jobId':'j','type':'progress','progress':40.5}").code());
        assertEquals("invalid_progress", invalid("{'jobId':'j','type':'progress','progress':1e40}").code());
        assertEquals("invalid_job_id", invalid("{'jobId':5,'type':'started'}").code());
        assertEquals("invalid_user_id", invalid("{'jobId':'j','userId':true,'type':'started'}").code());
        assertEquals("invalid_message", invalid("{'jobId':'j','type':'progress','message':[1]}").code());
        assertEquals("invalid_error", invalid("{'jobId':'j','type':'failed','error':{}}").code());
        assertEquals("invalid_event_type", invalid("{'jobId':'j','type':3}").code());
        assertEquals("invalid_event", invalid("[1,2]").code());
        assertEquals("invalid_event", invalid("'started'").code());
    }

    @Test
    void wholeNumbersWrittenAsDecimalsAreIntegers() {
        assertEquals(40, event("{'jobId':'j','type':'progress','progress':40.0}").progress());
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertTrue(invalid("{'jobId':'j'}").reason().startsWith("type is required"));
        assertTrue(invalid("{'type':'started'}").reason().startsWith("jobId is required"));
    }

    @Test
    void unknownFieldsAreRefusedSoTyposShow() {
        Read.Invalid i = invalid("{'jobId':'j','type':'progress','percent':40}");
        assertEquals("unknown_field", i.code());
        assertTrue(i.reason().contains("'percent'"), i.reason());
    }

    @Test
    void badLabelsAndEventIdsAreRefused() {
        assertEquals("invalid_job_type", invalid("{'jobId':'j','type':'started','jobType':'a b'}").code());
        assertEquals("invalid_event_id", invalid("{'jobId':'j','type':'started','eventId':''}").code());
        assertEquals("invalid_event_id", invalid("{'jobId':'j','type':'started','eventId':'a\\nb'}").code());
        assertEquals("invalid_event_id",
                invalid("{'jobId':'j','type':'started','eventId':'" + "x".repeat(129) + "'}").code());
    }

    @Test
    void lifecycleRulesAreLeftToTheLifecycle() {
        // range and id patterns are checked where every producer is checked, not here
        assertEquals(150, event("{'jobId':'j','type':'progress','progress':150}").progress());
        assertEquals("bad id!", event("{'jobId':'bad id!','type':'started'}").jobId());
    }
}
