package com.example.myamazingapp.infra;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a smoke test reads of the application, served on 127.0.0.1 by a tiny HTTP server: readiness UP, the sign-in form
 * and /actuator/info naming {@value #COMMIT}; tests change pages to make a check fail. With {@code host} set, a request
 * whose Host header is not that name gets 421, as a listener checks its domain.
 */
public final class StandInApplication {

    public static final String COMMIT = "3f9c2a71d04be5c8a6f1e2d3c4b5a69788796a5b";

    public record Page(int status, String body) {}

    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final HttpServer server;
    private volatile String host;

    private StandInApplication(HttpServer server) {
        this.server = server;
        page("/actuator/health/readiness", 200, "{\"status\":\"UP\"}");
        page("/login", 200, "<html><form method=\"post\" action=\"/login\"></form></html>");
        page("/actuator/info", 200, "{\"app\":{\"commit\":\"" + COMMIT + "\"}}");
        server.createContext("/", exchange -> {
            var path = exchange.getRequestURI().getPath();
            calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            var expected = host;
            var asked = exchange.getRequestHeaders().getFirst("Host");
            var page = expected != null && !expected.equals(asked)
                    ? new Page(421, "not " + asked)
                    : pages.getOrDefault(path, new Page(404, "not found"));
            var bytes = page.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(page.status(), bytes.length);
            try (var body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        });
        server.start();
    }

    /** Plain HTTP on a free port of 127.0.0.1. */
    public static StandInApplication start() throws IOException {
        return new StandInApplication(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    }

    /** On a server the caller made (e.g. an HttpsServer on 127.0.0.1), not started yet. */
    public static StandInApplication on(HttpServer server) {
        return new StandInApplication(server);
    }

    public StandInApplication page(String path, int status, String body) {
        pages.put(path, new Page(status, body));
        return this;
    }

    public StandInApplication remove(String path) {
        pages.remove(path);
        return this;
    }

    /** Answer only requests for this Host header (name:port). */
    public StandInApplication onlyFor(String hostHeader) {
        host = hostHeader;
        return this;
    }

    public int calls(String path) {
        var count = calls.get(path);
        return count == null ? 0 : count.get();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** http://127.0.0.1:port/ */
    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public void stop() {
        server.stop(0);
    }
}
