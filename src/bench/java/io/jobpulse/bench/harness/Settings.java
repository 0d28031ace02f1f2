package io.jobpulse.bench.harness;

import java.util.HashMap;
import java.util.Map;

/** The harness's {@code key=value} arguments, with defaults; every key is listed in docs/benchmarks.md. */
final class Settings {

    private final Map<String, String> values = new HashMap<>();

    Settings(String[] args) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, got: " + arg);
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
    }

    private Settings(Map<String, String> values) {
        this.values.putAll(values);
    }

    /** A copy with some keys replaced (the suite's scenarios). */
    Settings with(String... keyValues) {
        Settings copy = new Settings(values);
        for (int i = 0; i < keyValues.length; i += 2) {
            copy.values.put(keyValues[i], keyValues[i + 1]);
        }
        return copy;
    }

    String text(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    double decimal(String key, double fallback) {
        return values.containsKey(key) ? Double.parseDouble(values.get(key)) : fallback;
    }
}
