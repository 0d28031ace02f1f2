package io.jobpulse.ingest.batchevents;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LibertyBatchEventTest {

    @Test
    void anInstanceEventNamesTheJobItsApplicationAndSubmitter() throws Exception {
        LibertyBatchEvent e = LibertyBatchEvent.read("batch/jobs/instance/submitted", """
                {"jobName":"payroll","instanceId":7,"appName":"payroll#payroll.war","submitter":"alice",
                 "batchStatus":"STARTING","jobXMLName":"payroll","instanceState":"SUBMITTED","lastUpdatedTime":"2026/03/01"}""");
        assertEquals(BatchTopic.INSTANCE_SUBMITTED, e.topic());
        assertEquals(7, e.instanceId());
        assertNull(e.executionId());
        assertEquals("payroll", e.jobName());
        assertEquals("payroll#payroll.war", e.appName());
        assertEquals("alice", e.submitter());
    }

    @Test
    void beforeDispatchTheJobIsNamedByItsXmlFile() throws Exception {
        LibertyBatchEvent e = LibertyBatchEvent.read("batch/jobs/instance/submitted", """
                {"jobName":"","instanceId":1,"appName":"other#other.war","submitter":"","batchStatus":"STARTING",
                 "jobXMLName":"payroll","instanceState":"SUBMITTED","lastUpdatedTime":"2026/12/03 04:40:06.904 +0000"}""");
        assertEquals("payroll", e.jobName());
    }

    @Test
    void emptyStringsAreAbsent() throws Exception {
        LibertyBatchEvent e = LibertyBatchEvent.read("batch/jobs/instance/submitted",
                "{\"jobName\":\"payroll\",\"instanceId\":7,\"appName\":\"a#a.war\",\"submitter\":\"\"}");
        assertNull(e.submitter());
    }

    @Test
    void stepMetricsWrittenAsStringsAreNumbers() throws Exception {
        LibertyBatchEvent e = LibertyBatchEvent.read("batch/jobs/execution/step/completed", """
                {"stepExecutionId":3,"stepName":"load","executionId":2,"instanceId":1,"batchStatus":"COMPLETED",
                 "exitStatus":"COMPLETED","metrics":{"READ_COUNT":"4200","WRITE_COUNT":"4100","COMMIT_COUNT":"42"}}""");
        assertEquals(BatchTopic.STEP_COMPLETED, e.topic());
        assertEquals(Map.of("READ_COUNT", 4200L, "WRITE_COUNT", 4100L, "COMMIT_COUNT", 42L), e.metrics());
        assertEquals(4200, e.metric("READ_COUNT"));
        assertEquals(0, e.metric("FILTER_COUNT"));
        assertEquals(3L, e.stepExecutionId());
    }

    @Test
    void anyTopicRootWorks() throws Exception {
        assertEquals(BatchTopic.EXECUTION_STARTED, LibertyBatchEvent.read("prod/payments/batch/jobs/execution/started",
                "{\"instanceId\":1,\"executionId\":1}").topic());
        assertEquals(BatchTopic.STEP_CHECKPOINT, LibertyBatchEvent.read("jobs/execution/step/checkpoint",
                "{\"instanceId\":1,\"executionId\":1,\"stepName\":\"s\",\"stepExecutionId\":1}").topic());
    }

    @Test
    void unknownTopicsAndBrokenBodiesAreUnreadableWithAReason() {
        assertEquals("unknown", unreadable("batch/jobs/execution/teleported", "{\"instanceId\":1}").code());
        assertEquals("unknown", unreadable(null, "{}").code());
        assertEquals("malformed", unreadable("batch/jobs/execution/started", null).code());
        assertEquals("malformed", unreadable("batch/jobs/execution/started", "not json").code());
        assertEquals("malformed", unreadable("batch/jobs/execution/started", "[1,2]").code());
        assertEquals("malformed", unreadable("batch/jobs/execution/started", "{\"executionId\":1}").code());
        assertEquals("malformed", unreadable("batch/jobs/execution/started", "{\"instanceId\":1}").code());
        assertEquals("malformed", unreadable("batch/jobs/execution/started", "{\"instanceId\":\"x\",\"executionId\":1}").code());
        assertEquals("malformed", unreadable("batch/jobs/execution/started", "{\"instanceId\":1.5,\"executionId\":1}").code());
        assertEquals("malformed", unreadable("batch/jobs/execution/started", "{\"instanceId\":{},\"executionId\":1}").code());
        assertEquals("malformed", unreadable("batch/jobs/execution/started",
                "{\"instanceId\":1,\"executionId\":1,\"x\":\"" + "a".repeat(LibertyBatchEvent.MAX_BODY_CHARS) + "\"}").code());
    }

    private static LibertyBatchEvent.Unreadable unreadable(String topic, String body) {
        return assertThrows(LibertyBatchEvent.Unreadable.class, () -> LibertyBatchEvent.read(topic, body));
    }
}
