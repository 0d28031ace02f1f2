package io.jobpulse.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityModeTest {

    static TokenVerifier.Settings settings(String key, String location, String issuer, List<String> audiences) {
        return new TokenVerifier.Settings(Optional.ofNullable(key), Optional.ofNullable(location),
                Optional.ofNullable(issuer), audiences, "RS256", Duration.ZERO, Optional.empty());
    }

    static final TokenVerifier.Settings COMPLETE = settings(null, "https://sso.example.com/certs",
            "https://sso.example.com", List.of("jobpulse"));
    static final TokenVerifier.Settings NOTHING = settings(null, null, null, List.of());

    static String refusal(String mode, TokenVerifier.Settings settings, boolean checkAudience) {
        String message = assertThrows(IllegalStateException.class,
                () -> SecurityMode.of(mode, settings, checkAudience)).getMessage();
        assertTrue(message.startsWith("jobpulse refuses to start: "), message);
        return message;
    }

    @Test
    void securedIsTheModeWhenTheSettingsAddUp() {
        assertEquals(SecurityMode.SECURED, SecurityMode.of("secured", COMPLETE, true));
        assertEquals(SecurityMode.SECURED, SecurityMode.of(" Secured ", COMPLETE, true));
        assertEquals(SecurityMode.SECURED, SecurityMode.of("secured",
                settings(null, "/config/jwks.json", "iss", List.of("a")), true), "a file");
        assertEquals(SecurityMode.SECURED, SecurityMode.of("secured",
                settings(null, "file:/config/jwks.json", "iss", List.of("a")), true), "a file: URL");
        assertEquals(SecurityMode.SECURED, SecurityMode.of("secured",
                settings("-----BEGIN PUBLIC KEY-----", "http://ignored", "iss", List.of("a")), true),
                "an inline key wins over the location, which is never fetched");
    }

    @Test
    void withoutAKeySecuredModeRefusesToStartAndSaysHowToRunOpen() {
        // a blank MP_JWT_VERIFY_PUBLICKEY_LOCATION arrives here as a missing location
        String message = refusal("secured", NOTHING, true);
        assertTrue(message.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION") && message.contains("jobpulse.security.mode=open"),
                message);
    }

    @Test
    void openModeIsOnlyEverChosenByName() {
        assertEquals(SecurityMode.OPEN, SecurityMode.of("open", NOTHING, true));
        assertEquals(SecurityMode.OPEN, SecurityMode.of("OPEN", NOTHING, true));
        assertTrue(refusal("opne", NOTHING, true).contains("'opne'"), "a misspelling is not open");
        refusal("", NOTHING, true);
        refusal(null, NOTHING, true);
        assertEquals(SecurityMode.SECURED, SecurityMode.of("open", COMPLETE, true), "a key always means secured");
        assertTrue(refusal("open", settings(null, "http://k", "iss", List.of("a")), true).contains("https"),
                "and then every secured-mode rule applies");
    }

    @Test
    void aKeyLocationMustBeHttpsOrAFile() {
        for (String location : List.of("http://sso.example.com/certs", "HTTP://sso/certs", "ftp://keys/jwks")) {
            assertTrue(refusal("secured", settings(null, location, "iss", List.of("a")), true)
                    .contains("must be an https:// URL or a file"), location);
        }
    }

    @Test
    void issuerIsRequiredAndAudiencesUnlessExplicitlyNotChecked() {
        assertTrue(refusal("secured", settings(null, "https://k", null, List.of("a")), true)
                .contains("mp.jwt.verify.issuer"));
        assertTrue(refusal("secured", settings(null, "https://k", "iss", List.of()), true)
                .contains("jobpulse.security.check-audience=false"));
        refusal("secured", settings(null, "https://k", "iss", List.of(" ")), true);
        assertEquals(SecurityMode.SECURED, SecurityMode.of("secured", settings(null, "https://k", "iss", List.of()), false));
    }
}
