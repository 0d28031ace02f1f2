package io.jobpulse.push;

/**
 * How a pushed job event is framed on each socket protocol. The payload JSON is the same for both;
 * only the envelope differs.
 */
public enum WireFormat {

    /** {@code /ws/jobs}: {@code {"type":"job.progress","data":{...}}}. */
    PLAIN {
        @Override
        String frame(EventName event, String payloadJson) {
            return "{\"type\":\"" + event.plain() + "\",\"data\":" + payloadJson + "}";
        }
    },

    /** {@code /socket.io/}: an Engine.IO message carrying a Socket.IO EVENT, {@code 42["job:progress",{...}]}. */
    SOCKET_IO {
        @Override
        String frame(EventName event, String payloadJson) {
            return "42[\"" + event.socketIo() + "\"," + payloadJson + "]";
        }
    };

    abstract String frame(EventName event, String payloadJson);

    /** The endpoint's name in metrics and logs. */
    public String endpoint() {
        return this == PLAIN ? "plain" : "socketio";
    }
}
