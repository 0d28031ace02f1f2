package io.jobpulse.testsupport;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Answers 503 to every request under {@code /ws/} and {@code /socket.io/} while the {@link SocketGate} is closed: Liberty
 * runs filters before the WebSocket upgrade, so a browser's reconnect fails as if the server were
 * unreachable, while the HTTP API keeps answering.
 */
@WebFilter({"/ws/*", "/socket.io/*"})
public class RefuseUpgradesFilter extends HttpFilter {

    @Inject
    SocketGate gate;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (gate.refusing()) {
            // setStatus, not sendError: the server would log every refusal as a servlet error
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.getWriter().write("sockets cut by a test");
            return;
        }
        chain.doFilter(request, response);
    }
}
