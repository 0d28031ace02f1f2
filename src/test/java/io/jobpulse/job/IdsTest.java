package io.jobpulse.job;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {

    @Test
    void jobIdsTakeLettersDigitsAndFourMarksUpTo128Characters() {
        assertTrue(Ids.isJobId("a"));
        assertTrue(Ids.isJobId("Job-42_x.y:z"));
        assertTrue(Ids.isJobId("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ._:-"));
        assertTrue(Ids.isJobId("j".repeat(128)));
        assertFalse(Ids.isJobId("j".repeat(129)));
        assertFalse(Ids.isJobId(""));
        assertFalse(Ids.isJobId(null));
        for (String bad : new String[]{"a b", "a/b", "a@b", "a|b", "a+b", "é", "a\nb", "a\u0000", "<x>", "a%20"}) {
            assertFalse(Ids.isJobId(bad), bad);
        }
    }

    @Test
    void userIdsAlsoTakeAtPipeAndPlus() {
        assertTrue(Ids.isUserId("alice@example.com"));
        assertTrue(Ids.isUserId("auth0|123+x"));
        assertTrue(Ids.isUserId("u".repeat(128)));
        assertFalse(Ids.isUserId("u".repeat(129)));
        assertFalse(Ids.isUserId(""));
        assertFalse(Ids.isUserId(null));
        for (String bad : new String[]{"a b", "a/b", "a,b", "ü", "a\tb", "\"x\""}) {
            assertFalse(Ids.isUserId(bad), bad);
        }
    }

    @Test
    void typesAreLikeJobIdsButAtMost64Characters() {
        assertTrue(Ids.isJobType("report.pdf:v2-a_b"));
        assertTrue(Ids.isJobType("t".repeat(64)));
        assertFalse(Ids.isJobType("t".repeat(65)));
        assertFalse(Ids.isJobType("a@b"));
        assertFalse(Ids.isJobType(""));
        assertFalse(Ids.isJobType(null));
    }
}
