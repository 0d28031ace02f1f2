package io.jobpulse.ops;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupSummaryTest {

    /** A Config over a map: enough for the summary, which only lists names and reads strings. */
    record MapConfig(Map<String, String> values) implements Config {
        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow();
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            return Optional.ofNullable(type.cast(values.get(name)));
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources() {
            return java.util.List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theLineNamesTheModeAndOnlyWhatWasChanged() {
        String line = StartupSummary.summary(new MapConfig(Map.of(
                "jobpulse.ws.max-subscriptions", "200",
                "JOBPULSE_RETENTION_FINISHED_SECONDS", "60",
                "jobpulse.db.url", "jdbc:postgresql://db:5432/jobs",
                "jobpulse.db.password", "hunter2",
                "jobpulse.redis.uri", "redis://app:s3cret@redis:6379",
                "mp.jwt.verify.publickey.location", "https://idp/jwks",
                "unrelated.key", "x")));
        assertTrue(line.startsWith("jobpulse started: security=on, store=jdbc (jdbc:postgresql://db:5432/jobs), "
                + "cluster=redis://****@redis:6379; "), line);
        assertTrue(line.contains("jobpulse.ws.max-subscriptions=200"), line);
        assertTrue(line.contains("JOBPULSE_RETENTION_FINISHED_SECONDS=60"), line);
        assertFalse(line.contains("hunter2") || line.contains("s3cret"), "no secrets: " + line);
        assertFalse(line.contains("jobpulse.db."), "database variables are shown once, in the mode: " + line);
        assertFalse(line.contains("unrelated"), line);
    }

    @Test
    void anUnconfiguredNodeSaysItIsOpen() {
        assertEquals("jobpulse started: security=OFF (open demo mode), store=jdbc (embedded H2), cluster=off; "
                + "settings changed from their defaults: none", StartupSummary.summary(new MapConfig(Map.of())));
    }
}
