package io.jobpulse.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How deeply a JSON text nests, found by one pass over its characters before anything parses it:
 * no allocation, no recursion, so a hostile {@code [[[[...]]]]} costs as little as its length. Every
 * JSON a client sends (socket frames, Socket.IO packets, ingest bodies) is checked against
 * {@code jobpulse.json.max-depth} first; the parser and everything that walks the parsed value then
 * never meet a deep structure. The one place that setting is read: inject this bean and ask
 * {@link #exceeds(CharSequence)}.
 */
@ApplicationScoped
public class JsonDepth {

    /** The default of {@code jobpulse.json.max-depth}: far beyond any real event or request. */
    public static final int DEFAULT_MAX = 32;

    @Inject
    @ConfigProperty(name = "jobpulse.json.max-depth", defaultValue = "32")
    int max;

    /** For CDI; the limit is then injected. */
    protected JsonDepth() {
    }

    /** A limit of its own, for code (and tests) outside a container. */
    public JsonDepth(int max) {
        this.max = max;
    }

    /** {@code jobpulse.json.max-depth}. */
    public int max() {
        return max;
    }

    /** Whether {@code text} nests deeper than {@code jobpulse.json.max-depth}. */
    public boolean exceeds(CharSequence text) {
        return exceeds(text, max);
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
