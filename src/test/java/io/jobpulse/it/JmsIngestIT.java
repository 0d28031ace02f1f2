package io.jobpulse.it;

import io.jobpulse.it.harness.ArquillianClient;
import io.jobpulse.it.harness.Http;
import io.jobpulse.it.harness.TestApp;
import io.jobpulse.it.harness.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.jobpulse.it.harness.Server.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JMS ingest on the embedded messaging engine: messages reach subscribers, bad ones land on the dead-letter queue. */
class JmsIngestIT extends ArquillianClient {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.war();
    }

    private void send(String as, String correlationId, String body) {
        HttpResponse<String> r = Http.post(server.http("api/test/jms/send?as=" + as + "&correlationId=" + correlationId),
                "text/plain", body.replace('\'', '"'));
        assertEquals(204, r.statusCode(), r.body());
    }

    private JsonArray deadLetters(String correlationId) {
        return Http.json(Http.get(server.http("api/test/jms/dead-letters?correlationId=" + correlationId))).asJsonArray();
    }

    private JsonObject onlyDeadLetter(String correlationId) {
        JsonArray letters = deadLetters(correlationId);
        assertEquals(1, letters.size(), letters.toString());
        return letters.getJsonObject(0);
    }

    @Test
    void aJmsMessageReachesASubscriber() {
        String job = uniqueId("jms");
        try (WsClient ws = server.subscribedSocket(job)) {
            send("text", uniqueId("c"), "[{'jobId':'" + job + "','userId':'ida','type':'started','jobType':'mq-import'},"
                    + "{'jobId':'" + job + "','type':'progress','progress':50,'message':'half'}]");
            send("bytes", uniqueId("c"), "{'jobId':'" + job + "','type':'completed','result':{'rows':9}}");
            JsonObject data = ws.awaitData(d -> "completed".equals(d.getString("status")));
            assertEquals(3, data.getInt("version"));
            assertEquals(9, data.getJsonObject("result").getInt("rows"));
            assertEquals("mq-import", data.getString("type"));
        }
    }

    @Test
    void aMalformedMessageLandsOnTheDeadLetterQueueWithItsReason() {
        String correlation = uniqueId("bad");
        send("text", correlation, "{'jobId': 'x', oops");
        JsonObject letter = onlyDeadLetter(correlation);
        assertEquals("{\"jobId\": \"x\", oops", letter.getString("body"), "the original text, untouched");
        assertEquals("invalid-json", letter.getString("code"));
        assertTrue(letter.getString("reason").startsWith("the body is not valid JSON"), letter.getString("reason"));
        assertEquals(-1, letter.getInt("index"));
        assertEquals("it", letter.getString("producer"), "the producer's own properties are kept");
    }

    @Test
    void badAndRejectedEventsAreDeadLetteredOneByOneAndTheGoodOnesApplied() {
        String job = uniqueId("jmsmix");
        String correlation = uniqueId("mix");
        try (WsClient ws = server.subscribedSocket(job)) {
            send("text", correlation, "[{'jobId':'" + job + "','userId':'jo','type':'started'},"
                    + "{'jobId':'" + job + "','type':'progress','progress':'abc'},"
                    + "{'jobId':'" + job + "','type':'progress','progress':40},"
                    + "{'jobId':'" + job + "','type':'progress','progress':10}]");
            JsonArray letters = deadLetters(correlation);
            assertEquals(2, letters.size(), letters.toString());
            assertEquals("invalid_progress", letters.getJsonObject(0).getString("code"));
            assertEquals(1, letters.getJsonObject(0).getInt("index"));
            assertTrue(letters.getJsonObject(0).getString("body").contains("\"abc\""));
            assertEquals("progress_backwards", letters.getJsonObject(1).getString("code"));
            assertEquals(3, letters.getJsonObject(1).getInt("index"));

            JsonObject data = ws.awaitData(d -> d.getInt("version") >= 2);
            assertEquals(40, data.getInt("progress"));
            assertNull(ws.poll(Duration.ofMillis(300)), "nothing of the bad events was pushed");
        }
    }

    @Test
    void aMessageThatCannotCarryJsonIsDeadLetteredWithItsReason() {
        String correlation = uniqueId("map");
        send("map", correlation, "{}");
        JsonObject letter = onlyDeadLetter(correlation);
        assertEquals("unsupported-message", letter.getString("code"));
        assertTrue(letter.getString("reason").contains("MapMessage"));
    }
}
