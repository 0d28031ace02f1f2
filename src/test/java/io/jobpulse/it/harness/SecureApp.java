package io.jobpulse.it.harness;

import io.jobpulse.security.TestTokens;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.util.HashMap;
import java.util.Map;

/**
 * Test archives with security on, configured the way an operator does it: the test identity
 * provider's public key (made when the tests run) and its issuer and audience as the standard
 * MicroProfile JWT settings, no clock skew (so expiry is exact), plus any setting a test needs.
 */
public final class SecureApp {

    public static final TestTokens IDP = TestTokens.shared();

    private SecureApp() {
    }

    public static WebArchive war(String name, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(settings);
        // a .properties value on one line: the PEM's line breaks as \n escapes
        config.put("mp.jwt.verify.publickey", IDP.publicKeyPem().replace("\n", "\\n"));
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        config.put("mp.jwt.verify.clock.skew", "0");
        return TestApp.war(name, config);
    }

    public static String socketIo() {
        return "socket.io/?EIO=4&transport=websocket";
    }
}
