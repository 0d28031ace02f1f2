package io.jobpulse.push.session;

import io.jobpulse.push.Topic;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Subscribe / unsubscribe arguments as both endpoints hand them over, already decoded from JSON. */
class SubscriptionRequestTest {

    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readValue();
    }

    static SubscriptionRequest parse(String args) throws SubscriptionRequest.Invalid {
        return SubscriptionRequest.parse(json(args));
    }

    static Reply.Error refusal(String args) {
        return assertThrows(SubscriptionRequest.Invalid.class, () -> parse(args), args).error;
    }

    @Test
    void aJobIdOrAUserIdNamesTheTopic() throws Exception {
        assertEquals(new SubscriptionRequest(Topic.job("j-1"), Map.of()), parse("{'jobId':'j-1'}"));
        assertEquals(new SubscriptionRequest(Topic.user("alice"), Map.of()), parse("{'userId':'alice'}"));
    }

    @Test
    void aResumingClientSaysWhichVersionsItHas() throws Exception {
        SubscriptionRequest job = parse("{'jobId':'j-1','afterVersion':7}");
        assertEquals(7, job.knownVersion("j-1"));
        assertEquals(0, job.knownVersion("other"), "a job the client did not name: it has nothing");

        SubscriptionRequest user = parse("{'userId':'alice','versions':{'a':2,'b':0}}");
        assertEquals(Map.of("a", 2L, "b", 0L), user.known());
    }

    @Test
    void exactlyOneTopicIsRequired() {
        for (String args : new String[]{"{}", "{'jobId':'j','userId':'u'}", "[]", "'j'", "null"}) {
            assertEquals("invalid_request", refusal(args).code(), args);
        }
    }

    @Test
    void idsFollowTheirRules() {
        assertEquals("invalid_job_id", refusal("{'jobId':'has space'}").code());
        assertEquals("invalid_job_id", refusal("{'jobId':42}").code());
        assertEquals("invalid_job_id", refusal("{'jobId':'" + "x".repeat(129) + "'}").code());
        assertEquals("invalid_user_id", refusal("{'userId':''}").code());
        assertEquals("invalid_job_id", refusal("{'userId':'u','versions':{'bad id':1}}").code());
    }

    @Test
    void versionsAreNonNegativeIntegersInTheFieldThatGoesWithTheTopic() {
        for (String args : new String[]{"{'jobId':'j','afterVersion':-1}", "{'jobId':'j','afterVersion':'3'}",
                "{'jobId':'j','afterVersion':1.5}", "{'jobId':'j','versions':{'j':1}}",
                "{'userId':'u','afterVersion':1}", "{'userId':'u','versions':[1]}",
                "{'userId':'u','versions':{'a':-2}}"}) {
            Reply.Error error = refusal(args);
            assertEquals("invalid_request", error.code(), args);
        }
    }

    @Test
    void aVersionsMapIsBounded() throws Exception {
        StringBuilder versions = new StringBuilder();
        for (int i = 0; i <= SubscriptionRequest.MAX_KNOWN; i++) {
            versions.append(i == 0 ? "" : ",").append("'j").append(i).append("':1");
        }
        assertEquals("invalid_request", refusal("{'userId':'u','versions':{" + versions + "}}").code());
        String atTheLimit = versions.substring(versions.indexOf(",") + 1);
        assertEquals(SubscriptionRequest.MAX_KNOWN, parse("{'userId':'u','versions':{" + atTheLimit + "}}").known().size());
    }
}
