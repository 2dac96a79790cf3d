package com.example.myamazingapp.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the JSON API of the application under test (real HTTP, real Tomcat). */
public class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final String authorization;

    public ApiClient(int port) {
        this(port, null);
    }

    private ApiClient(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    public ApiClient as(String email, String password) {
        var token = Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
        return withAuthorization("Basic " + token);
    }

    /** Sends {@code Authorization: <value>}, e.g. "Bearer mya_...". */
    public ApiClient withAuthorization(String value) {
        return new ApiClient(port, value);
    }

    /** Signs up a new account with a unique e-mail and returns a client signed in as it. */
    public ApiClient newAccount() {
        var email = "user-" + UUID.randomUUID() + "@example.com";
        var password = "correct horse battery";
        var response = signUp(email, password);
        if (response.status() != 201) {
            throw new IllegalStateException("sign-up failed: " + response);
        }
        return as(email, password);
    }

    /**
     * Signs up from an address of its own (X-Forwarded-For, which Tomcat trusts from 127.0.0.1), so that the tests'
     * many sign-ups do not meet the per-address sign-up limit; {@link #signUpFrom} chooses the address.
     */
    public Response signUp(String email, String password) {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return signUpFrom("198.18." + random.nextInt(256) + "." + random.nextInt(1, 255), email, password);
    }

    public Response signUpFrom(String address, String email, String password) {
        var body = JSON.createObjectNode()
                .put("email", email)
                .put("password", password)
                .toString();
        return send(request("/api/accounts")
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(BodyPublishers.ofString(body)));
    }

    public Response put(String name, byte[] content, String contentType) {
        return send(request("/api/files?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .header("Content-Type", contentType)
                .PUT(BodyPublishers.ofByteArray(content)));
    }

    /** Without a length the client sends the body chunked (Transfer-Encoding: chunked). */
    public Response putChunked(String name, byte[] content) {
        return send(request("/api/files?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content))));
    }

    public Response postMultipart(String fileName, byte[] content, String contentType) {
        var boundary = "----test" + UUID.randomUUID();
        var head = ("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                        + "Content-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        var tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        BodyPublisher body = BodyPublishers.concat(
                BodyPublishers.ofByteArray(head),
                BodyPublishers.ofByteArray(content),
                BodyPublishers.ofByteArray(tail));
        return send(request("/api/files")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body));
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    public record Response(int status, byte[] body, java.net.http.HttpHeaders headers) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}
