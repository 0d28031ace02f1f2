package io.jobpulse.push.plain;

import io.jobpulse.push.CloseCause;
import io.jobpulse.push.Connection;
import io.jobpulse.push.Hub;
import io.jobpulse.push.WireFormat;
import io.jobpulse.push.session.Heartbeats;
import io.jobpulse.push.session.JobsProtocol;
import io.jobpulse.push.session.Reply;
import io.jobpulse.push.session.SocketSession;
import io.jobpulse.push.session.SocketSettings;
import io.jobpulse.push.session.TextAssembler;
import io.jobpulse.security.Caller;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /ws/jobs}: JSON text frames {@code {"op":"subscribe","jobId":".."}}, replies
 * {@code {"type":"ack"|"error",...}}, pushes {@code {"type":"job.progress","data":{..}}}.
 * One instance per connection; shared state lives in the {@link Hub}. {@code @Dependent} makes it a
 * CDI bean under annotated discovery, so Liberty creates it through CDI and injection works. Who the
 * client is was settled before the upgrade ({@link io.jobpulse.security.HandshakeGate}); a connection
 * that arrives without a {@link Caller} is closed with 4401.
 */
@Dependent
@ServerEndpoint("/ws/jobs")
public class PlainEndpoint {

    private static final Logger LOG = Logger.getLogger(PlainEndpoint.class.getName());

    @Inject
    Hub hub;

    @Inject
    JobsProtocol protocol;

    @Inject
    PlainDecoder decoder;

    @Inject
    PlainFrames frames;

    @Inject
    SocketSettings settings;

    @Inject
    Heartbeats heartbeats;

    private SocketSession socket;
    private Connection connection;
    private TextAssembler assembler;

    @OnOpen
    public void open(Session session) {
        assembler = new TextAssembler(settings.plain().maxFrameBytes());
        socket = SocketSession.open(hub, session, session.getId(), WireFormat.PLAIN, settings.replyLimit());
        connection = socket.connection();
        if (session.getUserPrincipal() instanceof Caller caller) {
            connection.caller(caller);
            Reply.Error crowded = protocol.admitUser(connection);
            if (crowded != null) {
                connection.close(CloseCause.TOO_MANY_CONNECTIONS, crowded.code() + ": " + crowded.message());
            }
        } else {
            connection.close(CloseCause.UNAUTHENTICATED, "not authenticated");
        }
        // WebSocket ping control frames: browsers answer them without any page code.
        socket.watch(heartbeats.plain(), c -> c.outbox().ping());
    }

    /** Parts, not whole messages: the size limit must hold while a fragmented message arrives. */
    @OnMessage
    public void text(String part, boolean last) {
        String text = assembler.add(part, last);
        if (assembler.exceeded()) {
            connection.close(CloseCause.MESSAGE_TOO_BIG, "frame larger than " + settings.plain().maxFrameBytes() + " bytes");
        } else if (text != null) {
            request(text);
        }
    }

    private void request(String text) {
        Reply.Error limited = protocol.admit(connection);
        if (limited != null) {
            connection.reply(frames.reply(null, null, limited));
            return;
        }
        PlainDecoder.Decoded decoded = decoder.decode(text);
        if (decoded instanceof PlainDecoder.Refused refused) {
            connection.reply(frames.reply(refused.id(), null, refused.error()));
        } else if (decoded instanceof PlainDecoder.Request request) {
            protocol.handle(connection, request.op(), request.args(),
                    reply -> connection.reply(frames.reply(request.id(), request.echoedOp(), reply)));
        }
    }

    /** Binary frames are refused; read in parts so a huge one is never buffered whole. */
    @OnMessage
    public void binary(ByteBuffer data, boolean last) {
        if (!last) {
            return;
        }
        Reply.Error limited = protocol.admit(connection);
        connection.reply(limited != null ? frames.reply(null, null, limited)
                : frames.error(null, null, "binary_unsupported", "send JSON text frames"));
    }

    /** Answers to the heartbeat's pings (browsers send them without any page code). */
    @OnMessage
    public void pong(PongMessage pong) {
        socket.pulse().pong();
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        if (socket != null) {
            socket.closed();
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(Level.FINE, "WebSocket error on " + session.getId(), error);
    }
}
