package io.jobpulse.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One scenario's figures, in insertion order: printed as a JSON line and as rows of the final table. */
final class Report {

    private final Map<String, Object> values = new LinkedHashMap<>();

    Report put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    Object get(String key) {
        return values.get(key);
    }

    String json() {
        StringBuilder b = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(k).append("\":").append(jsonValue(v));
        });
        return b.append('}').toString();
    }

    private static String jsonValue(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.3f", d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return '"' + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A readable table of every report: one block per scenario, one line per figure. */
    static String table(List<Report> reports) {
        List<String> lines = new ArrayList<>();
        for (Report r : reports) {
            lines.add("");
            lines.add("== " + r.values.get("scenario"));
            r.values.forEach((k, v) -> {
                if (!k.equals("scenario")) {
                    String text = v instanceof Double d ? String.format(Locale.ROOT, "%,.3f", d)
                            : v instanceof Long || v instanceof Integer ? String.format(Locale.ROOT, "%,d", v)
                            : String.valueOf(v);
                    lines.add(String.format(Locale.ROOT, "  %-34s %s", k, text));
                }
            });
        }
        return String.join(System.lineSeparator(), lines);
    }
}
