package com.example.myamazingapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.IntegrationTest;
import com.example.myamazingapp.support.RawHttp;
import com.example.myamazingapp.support.RawHttp.Answer;
import com.example.myamazingapp.support.TestS3;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bad-input corpus: each request a careless or hostile client sends, over a plain socket. Every one is answered
 * with a 4xx (never a 5xx), under /api in the documented {status, error, message} shape, never with SQL or a stack
 * trace, and stores nothing: the accounts, file rows and data-bucket objects are counted before and after.
 */
class BadInputTest extends IntegrationTest {

    static final String PASSWORD = "correct horse battery";
    static final String NUL = "\u0000";
    static final String LONG_EMAIL = "a".repeat(2700) + "@example.com";
    static final Pattern LEAK = Pattern.compile(
            "(?i)SQL|PSQLException|ERROR:|duplicate key|login_failures|stored_files|accounts_email|Exception|\\tat |org\\.");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    // One user for the whole corpus: signing up and in for each case would only slow it down.
    static Client client;

    @BeforeEach
    void signedInUser() {
        if (client == null || client.port != port) {
            client = new Client(port);
        }
    }

    /** One request of the corpus and the status it must get. */
    record Case(String name, int status, Function<Client, Answer> request) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> corpus() {
        var boundary = "----corpus";
        var part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello";
        return Stream.of(
                // sign-in with odd credentials: counted, refused, never a database error
                new Case(
                        "HTTP Basic with a NUL in the e-mail",
                        401,
                        c -> c.api("GET /api/files", basic("a" + NUL + "@b.c"))),
                new Case(
                        "HTTP Basic with a NUL in the password",
                        401,
                        c -> c.api("GET /api/files", basic(c.email, NUL))),
                new Case("HTTP Basic with a 2.7 KB e-mail", 401, c -> c.api("GET /api/files", basic(LONG_EMAIL))),
                new Case(
                        "HTTP Basic with a password over 72 bytes",
                        401,
                        c -> c.api("GET /api/files", basic(c.email, "p".repeat(100)))),
                new Case("HTTP Basic that is not base64", 401, c -> c.api("GET /api/files", "Basic %%%")),
                new Case(
                        "form sign-in with a NUL in the e-mail",
                        302,
                        c -> c.form("/login", Map.of("email", "a" + NUL + "@b.c", "password", PASSWORD))),
                new Case(
                        "form sign-in with a 2.7 KB e-mail",
                        302,
                        c -> c.form("/login", Map.of("email", LONG_EMAIL, "password", PASSWORD))),
                // sign-up
                new Case(
                        "API sign-up with a NUL in the e-mail",
                        400,
                        c -> c.signUp("a" + NUL + "b@example.com", PASSWORD, "application/json")),
                new Case(
                        "API sign-up with a 2.7 KB e-mail",
                        400,
                        c -> c.signUp(LONG_EMAIL, PASSWORD, "application/json")),
                new Case(
                        "API sign-up with a@example..com",
                        400,
                        c -> c.signUp("a@example..com", PASSWORD, "application/json")),
                new Case(
                        "API sign-up with a NUL in the password",
                        400,
                        c -> c.signUp(unique(), "correct\u0000horse battery", "application/json")),
                new Case(
                        "API sign-up with a short password", 400, c -> c.signUp(unique(), "short", "application/json")),
                new Case(
                        "API sign-up that is not JSON",
                        400,
                        c -> c.api("POST /api/accounts", null, "application/json", "{not json")),
                new Case("API sign-up as text/plain", 415, c -> c.api("POST /api/accounts", null, "text/plain", "x")),
                new Case("API sign-up accepting only text/html", 406, c -> c.signUp(unique(), PASSWORD, "text/html")),
                new Case(
                        "API sign-up accepting only application/xml",
                        406,
                        c -> c.signUp(unique(), PASSWORD, "application/xml")),
                new Case(
                        "invalid API sign-up accepting only text/html",
                        406,
                        c -> c.signUp("not-an-email", PASSWORD, "text/html")),
                new Case(
                        "form sign-up with a NUL in the e-mail",
                        400,
                        c -> c.form("/signup", Map.of("email", "a" + NUL + "b@example.com", "password", PASSWORD))),
                new Case(
                        "form sign-up with a@example..com",
                        400,
                        c -> c.form("/signup", Map.of("email", "a@example..com", "password", PASSWORD))),
                new Case(
                        "form sign-up without the CSRF token",
                        403,
                        c -> c.formWithoutToken("/signup", Map.of("email", unique(), "password", PASSWORD))),
                // uploads on the API
                new Case(
                        "multipart without a boundary",
                        400,
                        c -> c.apiAs("POST /api/files", "multipart/form-data", part)),
                new Case(
                        "multipart without the closing boundary",
                        400,
                        c -> c.apiAs("POST /api/files", "multipart/form-data; boundary=" + boundary, part)),
                new Case(
                        "multipart with a truncated body",
                        400,
                        c -> c.stopAfter("POST /api/files", "multipart/form-data; boundary=" + boundary, 1000, part)),
                new Case(
                        "raw upload shorter than its Content-Length",
                        400,
                        c -> c.stopAfter(
                                "PUT /api/files?name=a.bin", "application/octet-stream", 1000, "x".repeat(400))),
                new Case("chunked upload that stops midway", 400, c -> c.chunkedStop("PUT /api/files?name=a.bin")),
                new Case(
                        "raw upload over the limit",
                        413,
                        c -> c.apiAs(
                                "PUT /api/files?name=a.bin",
                                "application/octet-stream",
                                "x".repeat((int) MAX_UPLOAD_BYTES + 1))),
                new Case(
                        "multipart upload over the limit",
                        413,
                        c -> c.apiAs(
                                "POST /api/files",
                                "multipart/form-data; boundary=" + boundary,
                                part + "x".repeat((int) MAX_UPLOAD_BYTES) + "\r\n--" + boundary + "--\r\n")),
                new Case(
                        "empty raw upload",
                        400,
                        c -> c.apiAs("PUT /api/files?name=a.bin", "application/octet-stream", "")),
                new Case(
                        "raw upload without a name",
                        400,
                        c -> c.apiAs("PUT /api/files", "application/octet-stream", "x")),
                new Case(
                        "upload accepting only text/html",
                        406,
                        c -> c.apiAs("PUT /api/files?name=a.txt", "text/plain", "x", "text/html")),
                new Case(
                        "multipart upload accepting only application/xml",
                        406,
                        c -> c.apiAs(
                                "POST /api/files",
                                "multipart/form-data; boundary=" + boundary,
                                part + "\r\n--" + boundary + "--\r\n",
                                "application/xml")),
                // the rest of the API
                new Case("TRACE", 405, c -> c.apiAs("TRACE /api/files", null, "")),
                new Case("PATCH", 405, c -> c.apiAs("PATCH /api/files", "text/plain", "x")),
                new Case(
                        "a listing accepting only application/xml",
                        406,
                        c -> c.apiAs("GET /api/files", null, "", "application/xml")),
                new Case("an id that is not a UUID", 400, c -> c.apiAs("GET /api/files/not-a-uuid", null, "")),
                new Case("a page that is not a number", 400, c -> c.apiAs("GET /api/files?page=x", null, "")),
                new Case("another user's file", 404, c -> c.apiAs("DELETE /api/files/" + UUID.randomUUID(), null, "")),
                new Case("an unknown path", 404, c -> c.apiAs("GET /api/nothing-here", null, "")),
                new Case("no credentials", 401, c -> c.api("GET /api/files", null)),
                // uploads and other requests on the pages
                new Case(
                        "page upload without a boundary", 400, c -> c.page("POST /files", "multipart/form-data", part)),
                new Case(
                        "page upload without the closing boundary",
                        400,
                        c -> c.page("POST /files", "multipart/form-data; boundary=" + boundary, part)),
                new Case(
                        "page upload without the CSRF token",
                        403,
                        c -> c.pageWithoutToken(
                                "POST /files",
                                "multipart/form-data; boundary=" + boundary,
                                part + "\r\n--" + boundary + "--\r\n")),
                new Case(
                        "page delete without the CSRF token",
                        403,
                        c -> c.pageWithoutToken(
                                "POST /files/" + UUID.randomUUID() + "/delete",
                                "application/x-www-form-urlencoded",
                                "")),
                new Case(
                        "page download of an unknown id",
                        404,
                        c -> c.page("GET /files/" + UUID.randomUUID() + "/download", null, "")),
                new Case("page with an id that is not a UUID", 400, c -> c.page("GET /files/nope/download", null, "")),
                new Case("an unknown page", 404, c -> c.page("GET /nope", null, "")),
                new Case("TRACE on a page", 405, c -> c.page("TRACE /files", null, "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedWithA4xxAndStoresNothing(Case bad) {
        var before = stored();

        var answer = bad.request().apply(client);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(bad.status());
        assertThat(answer.body()).as("no internals in the answer").doesNotContainPattern(LEAK);
        if (client.api(answer)) {
            var json = JSON.readTree(answer.body());
            assertThat(json.propertyNames())
                    .as(answer.toString())
                    .containsExactlyInAnyOrder("status", "error", "message");
            assertThat(json.get("status").asInt()).isEqualTo(bad.status());
            assertThat(json.get("error").asString()).isNotBlank();
            assertThat(json.get("message").asString()).isNotBlank();
        }
        assertThat(stored()).as("accounts, file rows, objects").isEqualTo(before);
    }

    private List<Long> stored() {
        return List.of(
                jdbc.sql("SELECT count(*) FROM accounts").query(Long.class).single(),
                jdbc.sql("SELECT count(*) FROM stored_files").query(Long.class).single(),
                (long) TestS3.keys("files/").size());
    }

    static String unique() {
        return "corpus-" + UUID.randomUUID() + "@example.com";
    }

    static String basic(String email) {
        return basic(email, PASSWORD);
    }

    static String basic(String email, String password) {
        return RawHttp.basic(email, password);
    }

    /** A signed-up user on the API and signed in on the pages (session cookie and CSRF token). */
    static final class Client {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private static final Pattern CSRF_META = Pattern.compile("data-csrf-token=\"([^\"]+)\"");

        final int port;
        final String email = unique();
        private final Map<String, String> cookies = new LinkedHashMap<>();
        private String csrf;
        private boolean lastWasApi;

        Client(int port) {
            this.port = port;
            var created = signUp(email, PASSWORD, "application/json");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            cookies.clear();
            var login = form("/login", Map.of("email", email, "password", PASSWORD));
            assertThat(login.header("Location")).as(login.toString()).endsWith("/files");
            var files = page("GET /files", null, "");
            var token = CSRF_META.matcher(files.body());
            assertThat(token.find()).as(files.toString()).isTrue();
            csrf = token.group(1);
        }

        boolean api(Answer answer) {
            return lastWasApi;
        }

        Answer signUp(String email, String password, String accept) {
            var body = JSON.createObjectNode()
                    .put("email", email)
                    .put("password", password)
                    .toString();
            return send("POST /api/accounts", "Accept: " + accept, "application/json", body, false);
        }

        Answer api(String requestLine, String authorization) {
            return send(requestLine, authorization == null ? null : "Authorization: " + authorization, null, "", false);
        }

        Answer api(String requestLine, String authorization, String contentType, String body) {
            return send(requestLine, authorization, contentType, body, false);
        }

        Answer apiAs(String requestLine, String contentType, String body) {
            return apiAs(requestLine, contentType, body, "*/*");
        }

        Answer apiAs(String requestLine, String contentType, String body, String accept) {
            return send(
                    requestLine, "Authorization: " + basic(email) + "\r\nAccept: " + accept, contentType, body, false);
        }

        /** Declares {@code declared} bytes, sends {@code body} and stops. */
        Answer stopAfter(String requestLine, String contentType, int declared, String body) {
            lastWasApi = true;
            return RawHttp.send(
                    port,
                    requestLine + " HTTP/1.1\r\nAuthorization: " + basic(email) + "\r\nContent-Type: " + contentType
                            + "\r\nContent-Length: " + declared,
                    body.getBytes(StandardCharsets.UTF_8),
                    true);
        }

        Answer chunkedStop(String requestLine) {
            lastWasApi = true;
            return RawHttp.send(
                    port,
                    requestLine + " HTTP/1.1\r\nAuthorization: " + basic(email)
                            + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked",
                    ("190\r\n" + "x".repeat(400) + "\r\n").getBytes(StandardCharsets.US_ASCII),
                    true);
        }

        /** A form posted with the CSRF token of a freshly loaded page. */
        Answer form(String path, Map<String, String> fields) {
            var page = page("GET " + (path.equals("/login") ? "/login" : path), null, "");
            var token = CSRF.matcher(page.body());
            assertThat(token.find()).as(page.toString()).isTrue();
            var all = new LinkedHashMap<>(fields);
            all.put("_csrf", token.group(1));
            return page("POST " + path, "application/x-www-form-urlencoded", urlEncoded(all));
        }

        Answer formWithoutToken(String path, Map<String, String> fields) {
            page("GET " + path, null, "");
            return pageWithoutToken("POST " + path, "application/x-www-form-urlencoded", urlEncoded(fields));
        }

        Answer page(String requestLine, String contentType, String body) {
            return pageSend(requestLine, contentType, body, csrf);
        }

        Answer pageWithoutToken(String requestLine, String contentType, String body) {
            return pageSend(requestLine, contentType, body, null);
        }

        private Answer pageSend(String requestLine, String contentType, String body, String token) {
            var headers = new StringBuilder("Accept: text/html");
            if (!cookies.isEmpty()) {
                headers.append("\r\nCookie: ")
                        .append(cookies.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining("; ")));
            }
            if (token != null && !requestLine.startsWith("GET")) {
                headers.append("\r\nX-XSRF-TOKEN: ").append(token);
            }
            var answer = send(requestLine, headers.toString(), contentType, body, false);
            lastWasApi = false;
            var setCookies = answer.header("Set-Cookie");
            if (setCookies != null) {
                for (var line : setCookies.split("\n")) {
                    var pair = line.split(";")[0].split("=", 2);
                    cookies.put(pair[0], pair[1]);
                }
            }
            return answer;
        }

        private Answer send(String requestLine, String headers, String contentType, String body, boolean stop) {
            lastWasApi = requestLine.contains(" /api/");
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            var head = new StringBuilder(requestLine).append(" HTTP/1.1");
            if (headers != null) {
                head.append("\r\n").append(headers);
            }
            if (contentType != null) {
                head.append("\r\nContent-Type: ").append(contentType);
            }
            head.append("\r\nContent-Length: ").append(bytes.length);
            return RawHttp.send(port, head.toString(), bytes, stop);
        }

        private static String urlEncoded(Map<String, String> fields) {
            return fields.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
    }
}
