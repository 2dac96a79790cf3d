package com.example.myamazingapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.IntegrationTest;
import com.example.myamazingapp.support.Probes;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL statements (and commits) of the requests that carry the load, counted per request, so that work removed from
 * them does not creep back: a signed-in page view, the API's list (token and HTTP Basic), a download, an upload. A
 * count, not a timing; the figures before and after are in docs/performance.md.
 */
class HotRequestsTest extends IntegrationTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("<code id=\"token-value\">(mya_[A-Za-z0-9_-]+)</code>");

    private static final String SESSION_READ = "SELECT S.PRIMARY_ID, S.SESSION_ID";
    private static final String TOKEN_LOOKUP = "select t.id, a.id as account_id";
    private static final String THROTTLE_CHECK = "SELECT count(*) FILTER";
    private static final String LIST = "SELECT id, owner_id, original_name";
    private static final String COUNT = "SELECT coalesce((SELECT files FROM account_file_totals";

    @Autowired
    JdbcClient jdbc;

    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private String email;
    private String fileId;
    private String token;

    @BeforeEach
    void signedInUserWithFilesAndAToken() {
        email = "hot-" + UUID.randomUUID() + "@example.com";
        assertThat(api().signUp(email, PASSWORD).status()).isEqualTo(201);
        var basic = api().as(email, PASSWORD);
        for (int i = 0; i < 3; i++) {
            fileId = basic.put("file-" + i + ".txt", ("content " + i).getBytes(), "text/plain")
                    .json()
                    .get("id")
                    .asString();
        }
        post(
                "/login",
                "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
        var page = post("/tokens", "name=hot");
        var matcher = TOKEN.matcher(page.body());
        assertThat(matcher.find()).isTrue();
        token = matcher.group(1);
        // Warm: the first view of a session may store what later views only read (the CSRF token).
        get("/files", "warm-" + UUID.randomUUID());
        bearer("warm-" + UUID.randomUUID(), "/api/files");
    }

    @Test
    void aSignedInPageView() {
        assertStatements(
                get("/files", id()),
                List.of(
                        SESSION_READ,
                        "COMMIT",
                        LIST,
                        COUNT,
                        "select files, bytes, last_upload from account_file_totals"));
    }

    @Test
    void theApiListWithAToken() {
        assertStatements(bearer(id(), "/api/files"), List.of(TOKEN_LOOKUP, LIST, COUNT));
    }

    @Test
    void theApiListWithHttpBasic() {
        var request = id();
        var response = api().as(email, PASSWORD)
                .send(api().as(email, PASSWORD).request("/api/files").header(Probes.HEADER, request));
        assertThat(response.status()).isEqualTo(200);
        assertStatements(request, List.of(THROTTLE_CHECK, "SELECT id, email, password_hash", LIST, COUNT));
    }

    @Test
    void aDownloadFromThePage() {
        assertStatements(
                get("/files/" + fileId + "/download", id()), List.of(SESSION_READ, "COMMIT", "SELECT id, owner_id"));
    }

    @Test
    void anUploadWithAToken() {
        var request = id();
        var client = api().withAuthorization("Bearer " + token);
        var response = client.send(client.request("/api/files?name=up.txt")
                .header(Probes.HEADER, request)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("uploaded")));
        assertThat(response.status()).isEqualTo(201);
        assertStatements(request, List.of(TOKEN_LOOKUP, "INSERT INTO stored_files"));
    }

    @Test
    void theSessionStillLastsEightHoursAndOnlyMovesOncePerMinute() {
        var lastAccess = jdbc.sql("select last_access_time from spring_session where principal_name = :email")
                .param("email", email);
        long before = lastAccess.query(Long.class).single();

        get("/files", id());

        assertThat(lastAccess.query(Long.class).single()).isEqualTo(before);
        assertThat(jdbc.sql("select max_inactive_interval from spring_session where principal_name = :email")
                        .param("email", email)
                        .query(Integer.class)
                        .single())
                .isEqualTo(8 * 3600);
    }

    private static void assertStatements(String request, List<String> expected) {
        var statements = Probes.statementsOf(request);
        assertThat(statements)
                .as("statements of the request, in order:%n%s", String.join("\n", statements))
                .hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(statements.get(i))
                    .as("statement %d of%n%s", i, String.join("\n", statements))
                    .startsWithIgnoringCase(expected.get(i));
        }
    }

    private static String id() {
        return "hot-" + UUID.randomUUID();
    }

    private String get(String path, String request) {
        var response = send(
                HttpRequest.newBuilder(uri(path)).header(Probes.HEADER, request).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        return request;
    }

    private String bearer(String request, String path) {
        var client = api().withAuthorization("Bearer " + token);
        var response = client.send(client.request(path).header(Probes.HEADER, request));
        assertThat(response.status()).isEqualTo(200);
        return request;
    }

    private HttpResponse<String> post(String path, String form) {
        var csrf = CSRF.matcher(send(HttpRequest.newBuilder(uri(path.equals("/login") ? "/login" : "/tokens"))
                        .GET())
                .body());
        assertThat(csrf.find()).isTrue();
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + csrf.group(1))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
