package dev.escalation.spring.autoconfigure;

import com.sun.net.httpserver.HttpHandler;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * The operations console ({@code dev.escalation.console.EscalationConsole}, a JDK {@link HttpHandler})
 * served by the host's servlet container: each request and response is adapted to the JDK's
 * {@code HttpExchange}, so the console's pages, anti-forgery checks and headers are the same as on
 * the JDK's {@code HttpServer}.
 */
public class EscalationConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Not serialised: a container that passivates servlets builds the console again. */
    private final transient HttpHandler console;

    /**
     * The servlet over a console.
     *
     * @param console the console's handler
     */
    public EscalationConsoleServlet(HttpHandler console) {
        this.console = Objects.requireNonNull(console, "console");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        console.handle(new ServletExchange(request, response, console));
    }
}
