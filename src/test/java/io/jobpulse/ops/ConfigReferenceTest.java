package io.jobpulse.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's configuration table and the code name the same keys with the same defaults. */
class ConfigReferenceTest {

    /** A key read programmatically: {@code config.getOptionalValue("jobpulse.x", ...)}. */
    static final Pattern KEY_LITERAL = Pattern.compile(
            "(?:getValue|getOptionalValue|getConfigValue)\\(\\s*\"(jobpulse\\.[a-z0-9.-]+)\"");
    /** {@code @ConfigProperty(name = "jobpulse.x", defaultValue = "y")}, possibly over several lines. */
    static final Pattern CONFIG_PROPERTY = Pattern.compile(
            "@ConfigProperty\\(\\s*name\\s*=\\s*\"(jobpulse\\.[^\"]+)\"\\s*,\\s*defaultValue\\s*=\\s*\"([^\"]*)\"");
    /** {@code | `jobpulse.x` | `default` | `ENV` | meaning |}. */
    static final Pattern ROW = Pattern.compile("^\\| `(jobpulse\\.[^`]+)` \\| `([^`]*)` \\| `([A-Z0-9_]+)` \\|", Pattern.MULTILINE);

    /** A Liberty server variable: {@code <variable name="jobpulse.db.url" ...>} in liberty-config. */
    static final Pattern LIBERTY_VARIABLE = Pattern.compile("<variable\\s+name=\"(jobpulse\\.[^\"]+)\"");

    @Test
    void everyKeyInTheCodeIsDocumentedWithItsDefaultAndEnvironmentName() throws IOException {
        Map<String, String> code = keysInCode();
        String readmeText = Files.readString(Path.of("README.md"));
        // Liberty server variables (also visible through MicroProfile Config) are documented in the
        // paragraph under the table, with their environment form, not as table rows.
        for (String variable : libertyVariables()) {
            if (code.remove(variable) != null || readmeText.contains("`" + variable + "`")) {
                assertTrue(readmeText.contains("`" + variable + "` (`" + variable.replaceAll("[.-]", "_").toUpperCase() + "`"),
                        "Liberty variable " + variable + " is documented with its environment form");
            }
        }
        Map<String, String[]> readme = new TreeMap<>();
        Matcher row = ROW.matcher(readmeText);
        while (row.find()) {
            readme.put(row.group(1), new String[]{row.group(2), row.group(3)});
        }
        assertFalse(code.isEmpty());
        assertEquals(code.keySet(), readme.keySet(), "keys in the code vs keys in the README table");
        code.forEach((key, defaultValue) -> {
            String[] documented = readme.get(key);
            if (defaultValue != null) {
                assertEquals(defaultValue, documented[0], "default of " + key);
            }
            assertEquals(key.replaceAll("[.-]", "_").toUpperCase(), documented[1], "environment form of " + key);
        });
    }

    static java.util.Set<String> libertyVariables() throws IOException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("liberty-config"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".xml")).toList()) {
                Matcher m = LIBERTY_VARIABLE.matcher(Files.readString(f));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** key → default from @ConfigProperty (null when the key is read another way). */
    static Map<String, String> keysInCode() throws IOException {
        Map<String, String> keys = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String source = read(f);
                Matcher literal = KEY_LITERAL.matcher(source);
                while (literal.find()) {
                    keys.putIfAbsent(literal.group(1), null);
                }
                Matcher property = CONFIG_PROPERTY.matcher(source);
                while (property.find()) {
                    String previous = keys.put(property.group(1), property.group(2));
                    if (previous != null && !previous.equals(property.group(2))) {
                        throw new AssertionError(property.group(1) + " has two defaults in the code: "
                                + previous + " and " + property.group(2));
                    }
                }
            });
        }
        return keys;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
