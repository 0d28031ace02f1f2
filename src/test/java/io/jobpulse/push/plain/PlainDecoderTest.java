package io.jobpulse.push.plain;

import io.jobpulse.push.session.Reply;
import io.jobpulse.security.JsonDepth;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How a {@code /ws/jobs} text frame becomes a request, or the error its client gets instead. */
class PlainDecoderTest {

    final PlainDecoder decoder = new PlainDecoder(new JsonDepth(4));

    PlainDecoder.Request request(String frame) {
        return assertInstanceOf(PlainDecoder.Request.class, decoder.decode(frame.replace('\'', '"')));
    }

    PlainDecoder.Refused refused(String frame) {
        return assertInstanceOf(PlainDecoder.Refused.class, decoder.decode(frame.replace('\'', '"')));
    }

    @Test
    void aRequestCarriesItsOpItsIdAsSentAndTheWholeFrameAsArguments() {
        PlainDecoder.Request r = request("{'op':'subscribe','id':'r1','jobId':'a'}");
        assertEquals("subscribe", r.op());
        assertEquals("r1", ((JsonString) r.id()).getString());
        assertEquals("a", r.args().getString("jobId"));
        assertEquals("subscribe", r.echoedOp());

        assertEquals(7, ((JsonNumber) request("{'op':'cancel','id':7}").id()).intValue());
        assertNull(request("{'op':'unsubscribe'}").id());
    }

    @Test
    void anUnknownOpIsLeftToTheProtocolButNeverEchoed() {
        PlainDecoder.Request r = request("{'op':'<script>'}");
        assertEquals("<script>", r.op());
        assertNull(r.echoedOp());
    }

    @Test
    void aFrameThatIsNotOneJsonObjectIsBadJson() {
        for (String frame : new String[]{"", "nonsense", "[1]", "'op'", "{'op':'subscribe'} {}", "{'op':"}) {
            PlainDecoder.Refused r = refused(frame);
            assertEquals("bad_json", r.error().code(), frame);
            assertNull(r.id());
        }
    }

    @Test
    void tooDeepIsRefusedBeforeParsingAndSaysTheLimit() {
        Reply.Error e = refused("{'op':'subscribe','a':[[[{}]]]}").error();
        assertEquals("too_deep", e.code());
        assertEquals("JSON nested deeper than 4 levels (jobpulse.json.max-depth)", e.message());
        request("{'op':'subscribe','a':[[{}]]}");
    }

    @Test
    void aBadIdIsRefusedWithoutEchoingItAndAMissingOpEchoesTheId() {
        PlainDecoder.Refused badId = refused("{'op':'subscribe','id':{'x':1}}");
        assertEquals("invalid_request", badId.error().code());
        assertNull(badId.id());

        PlainDecoder.Refused noOp = refused("{'id':'r2','op':3}");
        assertEquals("invalid_request", noOp.error().code());
        assertEquals("\"op\" must be a string", noOp.error().message());
        assertEquals("r2", ((JsonString) noOp.id()).getString());
    }
}
