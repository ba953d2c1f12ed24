package dev.escalation.spring.autoconfigure;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A servlet request and response seen as the JDK's {@link HttpExchange}, so that the console's
 * {@link HttpHandler} answers inside the host's servlet container. Its context's path is where the
 * servlet is mounted; its principal is the servlet request's, for the host's {@code ConsoleAuthorizer}.
 */
final class ServletExchange extends HttpExchange {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final MountPoint context;
    private int status = -1;

    ServletExchange(HttpServletRequest request, HttpServletResponse response, HttpHandler handler) {
        this.request = request;
        this.response = response;
        this.context = new MountPoint(request.getContextPath() + request.getServletPath(), handler);
        for (String name : Collections.list(request.getHeaderNames())) {
            requestHeaders.put(name, Collections.list(request.getHeaders(name)));
        }
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        String query = request.getQueryString();
        // getRequestURI() is still percent-encoded, as the JDK server's URI is.
        return URI.create(request.getRequestURI() + (query == null ? "" : "?" + query));
    }

    @Override
    public String getRequestMethod() {
        return request.getMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return context;
    }

    @Override
    public void close() {
        try {
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream getRequestBody() {
        try {
            return request.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public OutputStream getResponseBody() {
        try {
            return response.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void sendResponseHeaders(int code, long length) {
        status = code;
        response.setStatus(code);
        responseHeaders.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        // The JDK server's convention: a positive length is exact, 0 is "chunked", -1 is no body.
        if (length > 0) {
            response.setContentLengthLong(length);
        } else if (length < 0) {
            response.setContentLength(0);
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return InetSocketAddress.createUnresolved(request.getRemoteAddr(), request.getRemotePort());
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return InetSocketAddress.createUnresolved(request.getLocalAddr(), request.getLocalPort());
    }

    @Override
    public String getProtocol() {
        return request.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return request.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        request.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        throw new UnsupportedOperationException("the servlet container owns the streams");
    }

    @Override
    public HttpPrincipal getPrincipal() {
        Principal principal = request.getUserPrincipal();
        return principal == null ? null : new HttpPrincipal(principal.getName(), "servlet");
    }

    /** Where the servlet is mounted, as the console reads its base path from its context. */
    private static final class MountPoint extends HttpContext {
        private final String path;
        private final HttpHandler handler;
        private final Map<String, Object> attributes = new HashMap<>();

        MountPoint(String path, HttpHandler handler) {
            this.path = path;
            this.handler = handler;
        }

        @Override
        public HttpHandler getHandler() {
            return handler;
        }

        @Override
        public void setHandler(HttpHandler value) {
            throw new UnsupportedOperationException("the console's mount point is fixed");
        }

        @Override
        public String getPath() {
            return path;
        }

        @Override
        public HttpServer getServer() {
            throw new UnsupportedOperationException("the console runs in a servlet container, not an HttpServer");
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public List<Filter> getFilters() {
            return List.of();
        }

        @Override
        public Authenticator setAuthenticator(Authenticator value) {
            throw new UnsupportedOperationException("the servlet container authenticates");
        }

        @Override
        public Authenticator getAuthenticator() {
            return null;
        }
    }
}
