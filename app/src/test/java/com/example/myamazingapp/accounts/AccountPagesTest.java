package com.example.myamazingapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.Browserless;
import com.example.myamazingapp.support.Consistency;
import com.example.myamazingapp.support.IntegrationTest;
import com.example.myamazingapp.support.RawHttp;
import com.example.myamazingapp.support.TestS3;
import com.example.myamazingapp.web.PageSecurity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The account page (password change, closing the account), sessions, headers and CSRF of the page forms. */
class AccountPagesTest extends IntegrationTest {

    static final String PASSWORD = "correct horse battery";
    static final String NEW_PASSWORD = "a much newer secret";

    @Autowired
    JdbcClient jdbc;

    @Test
    void changingThePasswordNeedsTheCurrentOneAndSignsOutTheOtherSessions() {
        var email = AccountsTest.unique();
        api().signUp(email, PASSWORD);
        var here = new Browserless(port);
        here.logIn(email, PASSWORD);
        var elsewhere = new Browserless(port);
        elsewhere.logIn(email, PASSWORD);

        var wrong = here.submit(
                "/account",
                "/account/password",
                Map.of("current-password", "not it at all", "new-password", NEW_PASSWORD));
        var common = here.submit(
                "/account", "/account/password", Map.of("current-password", PASSWORD, "new-password", "1qaz2wsx3edc"));
        var changed = here.submit(
                "/account", "/account/password", Map.of("current-password", PASSWORD, "new-password", NEW_PASSWORD));

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Your current password is not right.");
        assertThat(common.statusCode()).isEqualTo(400);
        assertThat(common.body()).contains("list of common or breached passwords");
        assertThat(changed.headers().firstValue("Location").orElseThrow()).isEqualTo("/account");
        assertThat(here.get("/account").body()).contains("Password changed.");
        assertThat(elsewhere.get("/files").statusCode())
                .as("the other session ended")
                .isEqualTo(302);
        assertThat(api().as(email, PASSWORD).get("/api/files").status()).isEqualTo(401);
        assertThat(api().as(email, NEW_PASSWORD).get("/api/files").status()).isEqualTo(200);
    }

    @Test
    void closingTheAccountRemovesEveryFileRowAndSessionAndTheReportsNoLongerCountIt() {
        var email = AccountsTest.unique();
        api().signUp(email, PASSWORD);
        var accountId = jdbc.sql("SELECT id FROM accounts WHERE email = :email")
                .param("email", email)
                .query(Long.class)
                .single();
        var objectsBefore = Consistency.objects();
        var user = api().as(email, PASSWORD);
        var keys = List.of(upload(user, "a.txt"), upload(user, "b.txt"));
        var browser = new Browserless(port);
        browser.logIn(email, PASSWORD);
        var other = new Browserless(port);
        other.logIn(email, PASSWORD);
        var accountsBefore = count("SELECT count(*) FROM accounts");
        var filesBefore = count("SELECT count(*) FROM stored_files");

        var refused = browser.submit("/account", "/account/delete", Map.of("password", "not the password"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Your current password is not right.");
        assertThat(user.get("/api/files").json().get("total").asLong()).isEqualTo(2);

        var closed = browser.submit("/account", "/account/delete", Map.of("password", PASSWORD));

        assertThat(closed.headers().firstValue("Location").orElseThrow()).isEqualTo("/login?deleted");
        assertThat(browser.get("/login?deleted").body()).contains("Your account and all its files are deleted.");
        assertThat(count("SELECT count(*) FROM accounts")).isEqualTo(accountsBefore - 1);
        assertThat(count("SELECT count(*) FROM stored_files")).isEqualTo(filesBefore - 2);
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :email")
                        .param("email", email)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(keys).allSatisfy(key -> assertThat(TestS3.keys(key)).isEmpty());
        Consistency.assertBucketAndTableAgree(jdbc, accountId, objectsBefore);
        assertThat(other.get("/files").statusCode()).as("every session ended").isEqualTo(302);
        assertThat(api().as(email, PASSWORD).get("/api/files").status()).isEqualTo(401);
        // The reports' figures come from these tables: the account and its files are gone from them together.
        assertThat(count("SELECT count(*) FROM account_activity a LEFT JOIN accounts c ON c.id = a.account_id"
                        + " WHERE c.id IS NULL"))
                .isZero();
    }

    /** Every form that changes something refuses a forged token, and nothing changes. */
    @Test
    void everyStateChangingFormNeedsItsCsrfToken() {
        var email = AccountsTest.unique();
        api().signUp(email, PASSWORD);
        var id = api().as(email, PASSWORD)
                .put("kept.txt", "kept".getBytes(StandardCharsets.UTF_8), "text/plain")
                .json()
                .get("id")
                .asString();
        var browser = new Browserless(port);
        browser.logIn(email, PASSWORD);
        var forged = Map.of("_csrf", "forged");

        var upload = browser.upload("new.txt", "x".getBytes(StandardCharsets.UTF_8), "forged");
        var delete = browser.submit("/files", "/files/" + id + "/delete", forged);
        var password = browser.submit(
                "/account",
                "/account/password",
                Map.of("_csrf", "forged", "current-password", PASSWORD, "new-password", NEW_PASSWORD));
        var close = browser.submit("/account", "/account/delete", Map.of("_csrf", "forged", "password", PASSWORD));
        var logout = browser.submit("/files", "/logout", forged);

        for (var response : List.of(upload, delete, password, close, logout)) {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(403);
        }
        assertThat(browser.get("/files").statusCode()).as("still signed in").isEqualTo(200);
        assertThat(api().as(email, PASSWORD)
                        .get("/api/files")
                        .json()
                        .get("total")
                        .asLong())
                .as("nothing uploaded or deleted, the password unchanged")
                .isEqualTo(1);
    }

    @Test
    void anonymousPageViewsCreateNoSession() {
        var before = count("SELECT count(*) FROM spring_session");
        var browser = new Browserless(port);

        for (var path : List.of("/login", "/signup", "/files", "/nope", "/login?error=credentials")) {
            browser.get(path);
        }

        assertThat(count("SELECT count(*) FROM spring_session")).isEqualTo(before);
    }

    @Test
    void redirectsNeverTakeTheirHostFromTheRequest() {
        var hostile = RawHttp.send(port, "GET /files HTTP/1.1\r\nHost: evil.example", new byte[0], false);
        var forwarded = RawHttp.send(port, "GET /files HTTP/1.1\r\nX-Forwarded-Host: evil.example", new byte[0], false);

        for (var answer : List.of(hostile, forwarded)) {
            assertThat(answer.status()).isEqualTo(302);
            assertThat(answer.header("Location")).isEqualTo("/login");
        }
    }

    @Test
    void everyPageHasAContentSecurityPolicyWithoutInlineScript() {
        var browser = Browserless.newSignedInUser(port);

        for (var path : List.of("/files", "/account", "/files/" + UUID.randomUUID() + "/download", "/nope")) {
            var policy = browser.get(path).headers().firstValue("Content-Security-Policy");
            assertThat(policy).as(path).hasValue(PageSecurity.CONTENT_SECURITY_POLICY);
        }
        assertThat(new Browserless(port).get("/login").headers().firstValue("Content-Security-Policy"))
                .hasValue(PageSecurity.CONTENT_SECURITY_POLICY);
        assertThat(PageSecurity.CONTENT_SECURITY_POLICY)
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("http");
    }

    private String upload(com.example.myamazingapp.support.ApiClient user, String name) {
        var id = user.put(name, name.getBytes(StandardCharsets.UTF_8), "text/plain")
                .json()
                .get("id")
                .asString();
        return jdbc.sql("SELECT storage_key FROM stored_files WHERE id = :id::uuid")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
