package io.jobpulse.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A static check of the Dockerfile (there is no Docker engine here to build it): runs after
 * {@code package}, so the WAR it copies exists.
 */
class DockerfileIT {

    final List<String> lines = instructions();

    @Test
    void theBaseImageIsPinnedToARelease() {
        String from = only("FROM");
        String image = from.split("\\s+")[1];
        assertTrue(image.contains("@sha256:") || image.matches(".+:[^:]*\\d+\\.\\d+.*"), "pinned: " + image);
        assertFalse(image.endsWith(":latest"), image);
    }

    @Test
    void everyFileItCopiesExistsInTheBuildOutput() {
        List<String> copies = all("COPY");
        assertFalse(copies.isEmpty());
        for (String copy : copies) {
            String[] words = copy.split("\\s+");
            List<String> sources = new ArrayList<>();
            for (int i = 1; i < words.length - 1; i++) {
                if (!words[i].startsWith("--")) {
                    sources.add(words[i]);
                }
            }
            assertFalse(sources.isEmpty(), copy);
            for (String source : sources) {
                assertTrue(Files.exists(Path.of(source)), "COPY source missing: " + source);
            }
        }
        assertTrue(copies.stream().anyMatch(c -> c.contains("target/jobpulse.war")), "the application is copied");
    }

    @Test
    void itRunsAsANonRootUserAndChecksReadiness() {
        List<String> users = all("USER");
        assertFalse(users.isEmpty(), "a USER instruction");
        String user = users.get(users.size() - 1).split("\\s+")[1];
        assertNotEquals("root", user);
        assertNotEquals("0", user.split(":")[0]);
        assertTrue(only("HEALTHCHECK").contains("/health/ready"));
    }

    private String only(String instruction) {
        List<String> found = all(instruction);
        assertTrue(found.size() == 1, "exactly one " + instruction + ": " + found);
        return found.get(0);
    }

    private List<String> all(String instruction) {
        return lines.stream().filter(l -> l.startsWith(instruction + " ")).toList();
    }

    /** Instructions with continuation lines joined and comments dropped. */
    private static List<String> instructions() {
        try {
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String raw : Files.readAllLines(Path.of("Dockerfile"))) {
                String line = raw.strip();
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    current.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                out.add(current.append(line).toString());
                current.setLength(0);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("Dockerfile unreadable", e);
        }
    }
}
