package com.example.myamazingapp.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SmokeTestQA's script against a tiny local HTTP server standing in for the QA environment. */
class SmokeTestScriptTest {

    record Page(int status, String body) {}

    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final AtomicInteger readinessCalls = new AtomicInteger();
    private HttpServer server;

    @TempDir
    Path temp;

    ScriptRun script;

    @BeforeEach
    void startQa() throws Exception {
        pages.put("/actuator/health/readiness", new Page(200, "{\"status\":\"UP\"}"));
        pages.put("/login", new Page(200, "<html><form method=\"post\" action=\"/login\"></form></html>"));
        pages.put(
                "/actuator/info", new Page(200, "{\"app\":{\"commit\":\"3f9c2a71d04be5c8a6f1e2d3c4b5a69788796a5b\"}}"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            var path = exchange.getRequestURI().getPath();
            if (path.equals("/actuator/health/readiness")) {
                readinessCalls.incrementAndGet();
            }
            var page = pages.getOrDefault(path, new Page(404, "not found"));
            var bytes = page.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(page.status(), bytes.length);
            try (var body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        });
        server.start();
        script = new ScriptRun(temp)
                .env("BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/")
                .env("SMOKE_TEST_TIMEOUT_SECONDS", "2")
                .env("SMOKE_TEST_INTERVAL_SECONDS", "1");
    }

    @AfterEach
    void stopQa() {
        server.stop(0);
    }

    @Test
    void passesWhenQaIsReadyAndServesTheSignInPage() throws Exception {
        var result = script.run("smoke-test.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("ok   readiness", "ok   sign-in", "passed the smoke test");
    }

    @Test
    void failsWhenReadinessAnswers503() throws Exception {
        pages.put("/actuator/health/readiness", new Page(503, "{\"status\":\"OUT_OF_SERVICE\"}"));

        var result = script.run("smoke-test.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("/actuator/health/readiness answered HTTP 503");
        assertThat(readinessCalls.get()).as("retried before giving up").isGreaterThan(1);
    }

    @Test
    void failsWhenTheSignInPageIsMissing() throws Exception {
        pages.remove("/login");

        var result = script.run("smoke-test.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("sign-in:", "/login answered HTTP 404");
    }

    @Test
    void checksThatQaRunsTheCommitJustDeployed() throws Exception {
        assertThat(script.env("EXPECTED_COMMIT", "3f9c2a71d04be5c8a6f1e2d3c4b5a69788796a5b")
                        .run("smoke-test.sh")
                        .exitCode())
                .isZero();

        var stale = script.env("EXPECTED_COMMIT", "0000aaaa11112222333344445555666677778888")
                .run("smoke-test.sh");

        assertThat(stale.exitCode()).isNotZero();
        assertThat(stale.output()).contains("/actuator/info does not contain '0000aaa'");
    }

    @Test
    void failsWhenNothingAnswers() throws Exception {
        server.stop(0);

        var result = script.run("smoke-test.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("smoke test of http://127.0.0.1:", "failed for 2s");
    }
}
