package io.jobpulse.security;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which mode the server runs in, and the rules that keep a mistake from opening it: open mode only
 * when chosen by name ({@code jobpulse.security.mode=open}) and no key is configured; in secured mode
 * (the default, and whenever a key is configured) a usable
 * key setting, an issuer, and audiences unless {@code jobpulse.security.check-audience=false}. A
 * blank value counts as missing (MicroProfile Config reads an empty value as unset), so a secret that
 * failed to mount stops the deployment instead of switching security off.
 */
public enum SecurityMode {
    OPEN, SECURED;

    /** A URL scheme, e.g. {@code http://}; a plain path, {@code file:} or {@code classpath:} has none. */
    private static final Pattern URL_SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://");

    /**
     * The mode the settings ask for; throws with a message naming the setting to fix when they do not
     * add up. {@code checkAudience=false} is the explicit way to accept tokens of any audience.
     */
    public static SecurityMode of(String mode, TokenVerifier.Settings settings, boolean checkAudience) {
        String chosen = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
        if (chosen.equals("open") && !settings.keyConfigured()) {
            return OPEN;
        }
        // A key means tokens are wanted: with a key, "open" (e.g. the dev server's default) runs secured.
        if (!chosen.equals("secured") && !chosen.equals("open")) {
            throw refused("jobpulse.security.mode must be 'secured' (the default) or 'open', not '" + mode + "'");
        }
        if (!settings.keyConfigured()) {
            throw refused("jobpulse.security.mode=secured (the default) needs mp.jwt.verify.publickey or "
                    + "mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION), and both are missing "
                    + "or blank. For a local demo without tokens set jobpulse.security.mode=open");
        }
        settings.location().filter(l -> settings.publicKey().isEmpty()).ifPresent(SecurityMode::checkLocation);
        if (settings.issuer().isEmpty()) {
            throw refused("secured mode needs mp.jwt.verify.issuer (MP_JWT_VERIFY_ISSUER): the exact 'iss' of "
                    + "your identity provider's tokens");
        }
        if (checkAudience && settings.audiences().stream().allMatch(String::isBlank)) {
            throw refused("secured mode needs mp.jwt.verify.audiences (MP_JWT_VERIFY_AUDIENCES), so tokens the "
                    + "identity provider issued for other applications are refused; set "
                    + "jobpulse.security.check-audience=false to accept any audience");
        }
        return SECURED;
    }

    /** Keys fetched over plain HTTP can be swapped in transit, and then any token verifies. */
    private static void checkLocation(String location) {
        String lower = location.strip().toLowerCase(Locale.ROOT);
        if (URL_SCHEME.matcher(lower).find() && !lower.startsWith("https://")) {
            throw refused("mp.jwt.verify.publickey.location must be an https:// URL or a file, not "
                    + lower.substring(0, lower.indexOf("://") + 3) + "...");
        }
    }

    private static IllegalStateException refused(String why) {
        return new IllegalStateException("jobpulse refuses to start: " + why + " (docs/security.md)");
    }
}
