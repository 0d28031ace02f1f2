package io.jobpulse.push.socketio;

import io.jobpulse.http.Problem;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Plain HTTP on {@code /socket.io/*} (an HTTP long-polling handshake, a curious browser): 400 with
 * a problem body saying to use WebSocket. WebSocket upgrades on the same path never get here; the
 * container hands them to {@link SocketIoEndpoint}.
 */
@WebServlet("/socket.io/*")
public class PollingRefusal extends HttpServlet {

    static final String DETAIL = "jobpulse serves Socket.IO over WebSocket only (no HTTP long-polling): "
            + "connect with io(url, { transports: ['websocket'] })";

    @Inject
    Jsonb jsonb;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(jsonb.toJson(
                new Problem("urn:jobpulse:problem:websocket-only", "Bad Request", 400, DETAIL)));
    }
}
