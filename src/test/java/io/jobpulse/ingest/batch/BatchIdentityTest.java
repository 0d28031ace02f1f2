package io.jobpulse.ingest.batch;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchIdentityTest {

    private static Properties params(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void jobParametersNameTheJob() {
        BatchIdentity id = BatchIdentity.of(params("jobpulse.jobId", "import-7", "jobpulse.userId", "ann",
                "jobpulse.type", "import", "jobpulse.total", "500"), "nightly", 3, 0);
        assertEquals(new BatchIdentity("import-7", "ann", "import", 500L), id);
    }

    @Test
    void withoutParametersTheInstanceNamesTheJobSoRestartsShareIt() {
        BatchIdentity id = BatchIdentity.of(params(), "nightly", 42, 0);
        assertEquals("batch-nightly-42", id.jobId());
        assertEquals("batch", id.userId());
        assertEquals("nightly", id.jobType());
        assertNull(id.total());
    }

    @Test
    void aRestartAfterFailuresReportsToTheNextAttempt() {
        assertEquals("import-7:attempt-2", BatchIdentity.of(params("jobpulse.jobId", "import-7"), "x", 1, 1).jobId());
        assertEquals("batch-x-1:attempt-3", BatchIdentity.of(params(), "x", 1, 2).jobId());
        String longId = "a".repeat(128);
        String attempt = BatchIdentity.of(params("jobpulse.jobId", longId), "x", 1, 1).jobId();
        assertTrue(attempt.length() <= 128 && attempt.endsWith(":attempt-2"), attempt);
    }

    @Test
    void jobNamesThatAreNoValidLabelAreMadeSafe() {
        BatchIdentity id = BatchIdentity.of(params(), "Nächtlicher Import", 5, 0);
        assertEquals("batch-N-chtlicher-Import-5", id.jobId());
        assertEquals("batch", id.jobType());
    }

    @Test
    void aTotalThatIsNoPositiveNumberIsIgnored() {
        assertNull(BatchIdentity.of(params("jobpulse.total", "lots"), "x", 1, 0).total());
        assertNull(BatchIdentity.of(params("jobpulse.total", "0"), "x", 1, 0).total());
    }
}
