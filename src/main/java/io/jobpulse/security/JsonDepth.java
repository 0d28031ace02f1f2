package io.jobpulse.security;

/**
 * How deeply a JSON text nests, found by one pass over its characters before anything parses it:
 * no allocation, no recursion, so a hostile {@code [[[[...]]]]} costs as little as its length. Every
 * JSON a client sends (socket frames, Socket.IO packets, ingest bodies) is checked against
 * {@code jobpulse.json.max-depth} first; the parser and everything that walks the parsed value then
 * never meet a deep structure.
 */
public final class JsonDepth {

    /** The default of {@code jobpulse.json.max-depth}: far beyond any real event or request. */
    public static final int DEFAULT_MAX = 32;

    private JsonDepth() {
    }

    /**
     * Whether brackets outside JSON strings nest deeper than {@code max}. Works on any text that
     * carries JSON, such as a Socket.IO packet {@code 42["subscribe",{..}]}; malformed text is left
     * to the parser.
     */
    public static boolean exceeds(CharSequence text, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character cannot end the string
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > max) {
                    return true;
                }
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return false;
    }
}
