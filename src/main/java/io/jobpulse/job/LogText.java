package io.jobpulse.job;

/**
 * Makes text that came from a client safe to put in a log line (no forged lines, bounded length).
 * Escaped as {@code \\uXXXX}: control characters, the Unicode line and paragraph separators
 * (U+2028, U+2029; log viewers and JSON-lines tools break lines there) and format characters,
 * among them the bidirectional overrides (U+202A..U+202E, U+2066..U+2069) that make a line read
 * differently from what it contains.
 */
public final class LogText {

    private static final int MAX = 200;

    private LogText() {
    }

    public static String safe(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 8);
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (Character.isISOControl(c) || escaped(Character.getType(c))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > MAX) {
            out.append("...");
        }
        return out.toString();
    }

    private static boolean escaped(int type) {
        return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT;
    }
}
