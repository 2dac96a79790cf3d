package com.example.myamazingapp.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The pages as a browser without JavaScript uses them: cookies, CSRF token from the form, no redirects followed. */
public class Browserless {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public Browserless(int port) {
        this.port = port;
    }

    /** A new account (signed up over the API), signed in through the form. */
    public static Browserless newSignedInUser(int port) {
        var email = "user-" + java.util.UUID.randomUUID() + "@example.com";
        new ApiClient(port).signUp(email, "correct horse battery");
        var browser = new Browserless(port);
        browser.logIn(email, "correct horse battery");
        return browser;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A GET in this session that asks for JSON (the actuator answers 406 to text/html). */
    public HttpResponse<String> getJson(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), "application/json");
    }

    /** Loads {@code formPage}, takes its CSRF token and posts the fields to {@code action}. */
    public HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) {
        var page = get(formPage).body();
        var matcher = CSRF.matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token in " + formPage);
        }
        var all = new LinkedHashMap<>(fields);
        all.putIfAbsent("_csrf", matcher.group(1));
        var body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a file the way a browser without JavaScript posts the upload form (the CSRF token in the body). */
    public HttpResponse<String> upload(String fileName, byte[] content) {
        var matcher = CSRF.matcher(get("/files").body());
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token on /files");
        }
        return upload(fileName, content, matcher.group(1));
    }

    /** The same with the given CSRF token. */
    public HttpResponse<String> upload(String fileName, byte[] content, String csrfToken) {
        var boundary = "----form" + java.util.UUID.randomUUID();
        var head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrfToken
                        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        var tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri("/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(content),
                        HttpRequest.BodyPublishers.ofByteArray(tail))));
    }

    public HttpResponse<String> logIn(String email, String password) {
        return submit("/login", "/login", Map.of("email", email, "password", password));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, "text/html");
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String accept) {
        try {
            return http.send(request.header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
