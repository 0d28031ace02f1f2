package io.jobpulse.push.session;

import io.jobpulse.push.CloseCodes;
import io.jobpulse.push.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Closes a Jakarta WebSocket session with one of the documented {@link CloseCodes}; never throws. */
public final class SessionCloser implements Connection.Closer {

    private static final Logger LOG = Logger.getLogger(SessionCloser.class.getName());

    private final Session session;

    public SessionCloser(Session session) {
        this.session = session;
    }

    @Override
    public void close(int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "Could not close " + session.getId(), e);
        }
    }
}
