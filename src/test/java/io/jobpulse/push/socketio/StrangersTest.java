package io.jobpulse.push.socketio;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrangersTest {

    final Strangers strangers = new Strangers();

    @BeforeEach
    void settings() {
        strangers.maxPerAddress = 2;
        strangers.checkSettings();
    }

    @Test
    void eachAddressMayHoldOnlySoManySocketsThatHaveNotConnected() {
        assertTrue(strangers.enter("10.0.0.1"));
        assertTrue(strangers.enter("10.0.0.1"));
        assertFalse(strangers.enter("10.0.0.1"), "the third from one address");
        assertTrue(strangers.enter("10.0.0.2"), "other addresses are not affected");
        strangers.leave("10.0.0.1");
        assertTrue(strangers.enter("10.0.0.1"), "room again once one has connected or closed");
        assertFalse(strangers.enter("10.0.0.1"));
    }

    @Test
    void aCapOfZeroOrLessFailsTheDeployment() {
        strangers.maxPerAddress = 0;
        assertThrows(IllegalStateException.class, strangers::checkSettings);
    }
}
