package com.example.myamazingapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.ApiClient;
import com.example.myamazingapp.support.Browserless;
import com.example.myamazingapp.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AccountsTest extends IntegrationTest {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    JdbcClient jdbc;

    @Test
    void signUpRefusesBadInputWithAClearMessage() {
        var email = unique();
        assertThat(api().signUp(email, PASSWORD).status()).isEqualTo(201);

        var duplicate = api().signUp(email.toUpperCase(), PASSWORD);
        var badEmail = api().signUp("not-an-email", PASSWORD);
        var shortPassword = api().signUp(unique(), "short");

        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("message").asString()).contains("already exists");
        assertThat(badEmail.json().get("message").asString()).isEqualTo("Enter a valid e-mail address.");
        assertThat(shortPassword.json().get("message").asString()).contains("at least 12 characters");
    }

    /** NIST SP 800-63B: length and a list of common passwords; blanks and one repeated character; nothing else. */
    @Test
    void passwordsAreAtLeast12CharactersAndNotCommon() {
        var elevenCharacters = api().signUp(unique(), "abcdefghijk");
        var common = api().signUp(unique(), "1qaz2wsx3edc");
        var commonOtherCase = api().signUp(unique(), "1QAZ2WSX3EDC");
        var blanks = api().signUp(unique(), " ".repeat(16));
        var repeated = api().signUp(unique(), "x".repeat(16));
        var twelve = api().signUp(unique(), "tulip quartz");

        assertThat(elevenCharacters.json().get("message").asString())
                .isEqualTo("Choose a password of at least 12 characters.");
        assertThat(common.status()).isEqualTo(400);
        assertThat(common.json().get("message").asString()).isEqualTo(PasswordPolicy.COMMON_MESSAGE);
        assertThat(commonOtherCase.json().get("message").asString()).isEqualTo(PasswordPolicy.COMMON_MESSAGE);
        assertThat(blanks.json().get("message").asString()).contains("more than blanks or one character repeated");
        assertThat(repeated.json().get("message").asString()).contains("more than blanks or one character repeated");
        assertThat(twelve.status()).as(twelve.toString()).isEqualTo(201);
        assertThat(new PasswordPolicy().listed())
                .as("distinct listed passwords of 12+ characters, case ignored")
                .isEqualTo(484);
    }

    @Test
    void signUpIsLimitedPerAddressFor15Minutes() {
        var address = "203.0.113.60";
        for (int i = 0; i < SignUpThrottle.MAX_PER_CLIENT; i++) {
            assertThat(api().signUpFrom(address, unique(), PASSWORD).status()).isEqualTo(201);
        }

        var refused = api().signUpFrom(address, unique(), PASSWORD);
        var elsewhere = api().signUpFrom("203.0.113.61", unique(), PASSWORD);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("message").asString()).isEqualTo(SignUpThrottle.MESSAGE);
        assertThat(elsewhere.status()).isEqualTo(201);

        age("sign_up_attempts", "attempted_at", "client", address, SignUpThrottle.WINDOW.plusMinutes(1));
        assertThat(api().signUpFrom(address, unique(), PASSWORD).status())
                .as("after the window")
                .isEqualTo(201);
    }

    @Test
    void theSignInThrottleForgetsFailuresOlderThanItsWindow() {
        var email = unique();
        api().signUp(email, PASSWORD);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            api().as(email, "wrong password " + i).get("/api/files");
        }
        assertThat(api().as(email, PASSWORD).get("/api/files").status()).isEqualTo(429);

        age("login_failures", "failed_at", "email", email, LoginThrottle.WINDOW.minusMinutes(1));
        assertThat(api().as(email, PASSWORD).get("/api/files").status())
                .as("14 minutes later")
                .isEqualTo(429);
        age("login_failures", "failed_at", "email", email, Duration.ofMinutes(2));
        assertThat(api().as(email, PASSWORD).get("/api/files").status())
                .as("16 minutes later")
                .isEqualTo(200);
    }

    /** Moves the throttle's rows for {@code key} into the past by {@code by}, as if that much time had passed. */
    private void age(String table, String time, String column, String key, Duration by) {
        jdbc.sql("UPDATE " + table + " SET " + time + " = " + time + " - make_interval(secs => :seconds) WHERE "
                        + column + " = :key")
                .param("seconds", by.toSeconds())
                .param("key", key)
                .update();
    }

    @Test
    void passwordsAreStoredHashedWithBcrypt() {
        var email = unique();
        api().signUp(email, PASSWORD);

        var hash = jdbc.sql("SELECT password_hash FROM accounts WHERE email = :email")
                .param("email", email)
                .query(String.class)
                .single();

        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
    }

    @Test
    void afterFiveFailuresTheApiRefusesEvenTheRightPasswordFor15Minutes() {
        var email = unique();
        api().signUp(email, PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertThat(api().as(email, "wrong password " + i).get("/api/files").status())
                    .isEqualTo(401);
        }

        var refused = api().as(email, PASSWORD).get("/api/files");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("message").asString())
                .contains("Too many failed sign-ins")
                .contains("15 minutes");
        // The throttle is per e-mail: another account is not affected.
        assertThat(api().newAccount().get("/api/files").status()).isEqualTo(200);
    }

    /**
     * Behind the load balancer the client address is X-Forwarded-For's last hop (Tomcat trusts 127.0.0.1 as a proxy).
     */
    @Test
    void failuresFromOneAddressDoNotLockTheOwnerOutElsewhere() {
        var email = unique();
        api().signUp(email, PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertThat(from("203.0.113.7", api().as(email, "wrong password " + i))
                            .status())
                    .isEqualTo(401);
        }

        assertThat(from("203.0.113.7", api().as(email, PASSWORD)).status()).isEqualTo(429);
        // The owner, elsewhere, still signs in; a forged first hop does not make the attacker someone else.
        assertThat(from("198.51.100.9", api().as(email, PASSWORD)).status()).isEqualTo(200);
        assertThat(from("198.51.100.9, 203.0.113.7", api().as(email, PASSWORD)).status())
                .isEqualTo(429);
    }

    @Test
    void oneAddressGuessingAcrossManyEmailsIsRefused() {
        var victim = api().newAccount();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_CLIENT; i++) {
            assertThat(from("203.0.113.8", api().as(unique(), "wrong password")).status())
                    .isEqualTo(401);
        }

        var refused = from("203.0.113.8", victim);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("message").asString()).isEqualTo(AccountAuthenticationProvider.LOCKED_MESSAGE);
        assertThat(from("198.51.100.10", victim).status()).isEqualTo(200);
    }

    private static ApiClient.Response from(String forwardedFor, ApiClient client) {
        return client.send(client.request("/api/files").header("X-Forwarded-For", forwardedFor));
    }

    @Test
    void theLoginPageSharesTheThrottleAndSaysSo() {
        var email = unique();
        api().signUp(email, PASSWORD);
        var browser = new Browserless(port);
        for (int i = 0; i < 5; i++) {
            assertThat(browser.logIn(email, "wrong")
                            .headers()
                            .firstValue("Location")
                            .orElseThrow())
                    .endsWith("/login?error=credentials");
        }

        var refused = browser.logIn(email, PASSWORD);

        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?error=locked");
        assertThat(browser.get("/login?error=locked").body()).contains(AccountAuthenticationProvider.LOCKED_MESSAGE);
    }

    @Test
    void formSignUpAndLoginKeepTheSessionInPostgresql() {
        var email = unique();
        var browser = new Browserless(port);

        var signUp = browser.submit("/signup", "/signup", Map.of("email", email, "password", PASSWORD));

        assertThat(signUp.headers().firstValue("Location").orElseThrow()).isEqualTo("/files");
        var files = browser.get("/files");
        assertThat(files.statusCode()).as("signed in by the sign-up").isEqualTo(200);
        assertThat(files.body()).contains("Account created for " + email + ". You are signed in.");
        var login = browser.logIn(email, PASSWORD);
        assertThat(login.headers().firstValue("Location").orElseThrow()).isEqualTo("/files");
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :email")
                        .param("email", email)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefused() {
        var browser = new Browserless(port);
        browser.get("/login");

        var response =
                browser.submit("/login", "/signup", Map.of("email", unique(), "password", PASSWORD, "_csrf", "forged"));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void anotherUsersFileIsNotFoundOnThePagesToo() {
        var owner = api().newAccount();
        var id = owner.put("private.txt", "secret".getBytes(), "text/plain")
                .json()
                .get("id")
                .asString();
        var email = unique();
        api().signUp(email, PASSWORD);
        var stranger = new Browserless(port);
        stranger.logIn(email, PASSWORD);

        var download = stranger.get("/files/" + id + "/download");
        var delete = stranger.submit("/files", "/files/" + id + "/delete", Map.of());

        assertThat(download.statusCode()).isEqualTo(404);
        assertThat(download.body()).contains("No such file.");
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(owner.get("/api/files/" + id).status()).isEqualTo(200);
    }

    @Test
    void theUploadFormWorksWithoutJavaScriptAndAnswers413OverTheLimit() {
        var email = unique();
        api().signUp(email, PASSWORD);
        var browser = new Browserless(port);
        browser.logIn(email, PASSWORD);

        var ok = browser.upload("plain.txt", "no script".getBytes());
        var tooBig = browser.upload("big.bin", new byte[(int) MAX_UPLOAD_BYTES + 1]);

        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location").orElseThrow()).contains("/files?uploaded=");
        assertThat(browser.get(ok.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""))
                        .body())
                .contains("Uploaded plain.txt.");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).contains("The file is larger than the upload limit of 1 MiB. Nothing was stored.");
        assertThat(browser.get("/files").body()).contains("plain.txt").doesNotContain("big.bin");
    }

    static String unique() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }
}
