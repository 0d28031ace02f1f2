package io.jobpulse.push.socketio;

/** A frame that is not a valid Engine.IO or Socket.IO packet; the message says what is wrong, never echoes it. */
final class MalformedPacket extends Exception {

    MalformedPacket(String message) {
        super(message);
    }
}
