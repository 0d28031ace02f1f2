package io.jobpulse.ops;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabasePasswordCheckTest {

    static final String PG = "jdbc:postgresql://db:5432/jobs";

    @Test
    void aDatabaseServerWithTheBuiltInOrNoPasswordRefusesToStart() {
        for (String password : new String[] {"jobpulse", " "}) {
            String message = assertThrows(IllegalStateException.class, () -> DatabasePasswordCheck.check(new MapConfig(
                    Map.of("jobpulse.db.url", PG, "jobpulse.db.password", password)))).getMessage();
            assertTrue(message.contains("JOBPULSE_DB_PASSWORD"), message);
        }
        assertThrows(IllegalStateException.class,
                () -> DatabasePasswordCheck.check(new MapConfig(Map.of("jobpulse.db.url", PG))));
    }

    @Test
    void theEmbeddedDatabaseAndRealPasswordsAndTheMemoryStoreStart() {
        assertDoesNotThrow(() -> DatabasePasswordCheck.check(new MapConfig(Map.of(
                "jobpulse.db.url", "jdbc:h2:/data/jobpulse", "jobpulse.db.password", "jobpulse"))));
        assertDoesNotThrow(() -> DatabasePasswordCheck.check(new MapConfig(Map.of(
                "jobpulse.db.url", PG, "jobpulse.db.password", "s3cret"))));
        assertDoesNotThrow(() -> DatabasePasswordCheck.check(new MapConfig(Map.of(
                "jobpulse.store", "memory", "jobpulse.db.url", PG))));
        assertDoesNotThrow(() -> DatabasePasswordCheck.check(new MapConfig(Map.of())));
    }
}
