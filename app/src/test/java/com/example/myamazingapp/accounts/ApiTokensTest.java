package com.example.myamazingapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.ApiClient;
import com.example.myamazingapp.support.Browserless;
import com.example.myamazingapp.support.IntegrationTest;
import com.example.myamazingapp.support.Probes;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ApiTokensTest extends IntegrationTest {

    private static final Pattern TOKEN = Pattern.compile("<code id=\"token-value\">(mya_[A-Za-z0-9_-]{43})</code>");
    private static final Pattern TOKEN_ID = Pattern.compile("data-token-id=\"(\\d+)\"");

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTokenCreatedOnThePageIsShownOnceStoredAsItsHashUsedAndRevoked() {
        var browser = Browserless.newSignedInUser(port);

        var created = browser.submit("/tokens", "/tokens", Map.of("name", "backup script"));
        var token = token(created.body());
        var call = bearer(token).put("a.txt", "hello".getBytes(), "text/plain");
        var list = bearer(token).get("/api/files");
        var page = browser.get("/tokens").body();

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from api_tokens where token_hash = :hash")
                        .param("hash", ApiTokens.sha256(token))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                "select count(*) from api_tokens where encode(token_hash, 'escape') like '%' || :token || '%'")
                        .param("token", token.substring(4))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(call.status()).isEqualTo(201);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("items").get(0).get("name").asString()).isEqualTo("a.txt");
        assertThat(list.header("Set-Cookie")).as("no session for API calls").isNull();
        assertThat(page).contains("backup script").doesNotContain(token).doesNotContain(">never<");

        var id = matcher(TOKEN_ID, page);
        var revoked = browser.submit("/tokens", "/tokens/" + id + "/revoke", Map.of());
        var refused = bearer(token).get("/api/files");

        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(browser.get("/tokens").body())
                .doesNotContain("backup script")
                .contains("No tokens yet.");
        assertUnauthorizedBearer(refused);
    }

    @Test
    void anUnknownTokenIsRefusedWithABearerChallengeInTheErrorShape() {
        assertUnauthorizedBearer(
                api().send(api().request("/api/files").header("Authorization", "Bearer mya_" + "A".repeat(43))));
        assertUnauthorizedBearer(api().send(api().request("/api/files").header("Authorization", "Bearer not-a-token")));
    }

    @Test
    void tokenCallsRunNoBcryptAndWriteLastUsedAtMostOnceAMinute() {
        var browser = Browserless.newSignedInUser(port);
        var token =
                token(browser.submit("/tokens", "/tokens", Map.of("name", "ci")).body());
        long checksBefore = Probes.passwordChecks();

        var first = traced(token);
        var second = traced(token);

        assertThat(Probes.passwordChecks()).isEqualTo(checksBefore);
        assertThat(Probes.statementsOf(first)).anyMatch(sql -> sql.startsWith("update api_tokens"));
        assertThat(Probes.statementsOf(second))
                .as("the second call within a minute only reads")
                .noneMatch(sql -> sql.toLowerCase().matches("^(update|insert|delete).*"));
    }

    @Test
    void anotherAccountCannotRevokeMyTokenAndANameIsRequired() {
        var owner = Browserless.newSignedInUser(port);
        var token =
                token(owner.submit("/tokens", "/tokens", Map.of("name", "mine")).body());
        var id = matcher(TOKEN_ID, owner.get("/tokens").body());
        var stranger = Browserless.newSignedInUser(port);

        var attempt = stranger.submit("/tokens", "/tokens/" + id + "/revoke", Map.of());
        var unnamed = stranger.submit("/tokens", "/tokens", Map.of("name", "  "));

        assertThat(attempt.statusCode()).isEqualTo(404);
        assertThat(bearer(token).get("/api/files").status()).isEqualTo(200);
        assertThat(unnamed.body()).contains("Name the token").doesNotContain("token-value");
    }

    @Test
    void httpBasicStillWorksAndALockedAddressIsRefusedBeforeAnyBcrypt() {
        var email = "user-" + UUID.randomUUID() + "@example.com";
        api().signUp(email, AccountsTest.PASSWORD);
        assertThat(from("203.0.113.20", api().as(email, AccountsTest.PASSWORD)).status())
                .isEqualTo(200);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(from("203.0.113.20", api().as(email, "wrong password")).status())
                    .isEqualTo(401);
        }
        long checksBefore = Probes.passwordChecks();

        var refused = from("203.0.113.20", api().as(email, AccountsTest.PASSWORD));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(Probes.passwordChecks()).as("no bcrypt once locked").isEqualTo(checksBefore);
    }

    private String traced(String token) {
        var id = "probe-" + UUID.randomUUID();
        var response = api().send(api().request("/api/files")
                .header("Authorization", "Bearer " + token)
                .header(Probes.HEADER, id));
        assertThat(response.status()).isEqualTo(200);
        return id;
    }

    private static void assertUnauthorizedBearer(ApiClient.Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer ");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).isEqualTo("Unauthorized");
        assertThat(response.json().get("message").asString()).contains("token is unknown or revoked");
    }

    private static ApiClient.Response from(String forwardedFor, ApiClient client) {
        return client.send(client.request("/api/files").header("X-Forwarded-For", forwardedFor));
    }

    private ApiClient bearer(String token) {
        return api().withAuthorization("Bearer " + token);
    }

    private static String token(String page) {
        return matcher(TOKEN, page);
    }

    private static String matcher(Pattern pattern, String text) {
        var matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }
}
