package com.example.myamazingapp.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.infra.StandInApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SmokeTestQA's script against a tiny local HTTP server standing in for the QA environment. */
class SmokeTestScriptTest {

    private StandInApplication qa;

    @TempDir
    Path temp;

    ScriptRun script;

    @BeforeEach
    void startQa() throws Exception {
        qa = StandInApplication.start();
        script = new ScriptRun(temp)
                .env("BASE_URL", qa.url())
                .env("SMOKE_TEST_TIMEOUT_SECONDS", "2")
                .env("SMOKE_TEST_INTERVAL_SECONDS", "1");
    }

    @AfterEach
    void stopQa() {
        qa.stop();
    }

    @Test
    void passesWhenQaIsReadyAndServesTheSignInPage() throws Exception {
        var result = script.run("smoke-test.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("ok   readiness", "ok   sign-in", "passed the smoke test");
    }

    @Test
    void failsWhenReadinessAnswers503() throws Exception {
        qa.page("/actuator/health/readiness", 503, "{\"status\":\"OUT_OF_SERVICE\"}");

        var result = script.run("smoke-test.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("/actuator/health/readiness answered HTTP 503");
        assertThat(qa.calls("/actuator/health/readiness"))
                .as("retried before giving up")
                .isGreaterThan(1);
    }

    @Test
    void failsWhenTheSignInPageIsMissing() throws Exception {
        qa.remove("/login");

        var result = script.run("smoke-test.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("sign-in:", "/login answered HTTP 404");
    }

    @Test
    void checksThatQaRunsTheCommitJustDeployed() throws Exception {
        assertThat(script.env("EXPECTED_COMMIT", StandInApplication.COMMIT)
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
        qa.stop();

        var result = script.run("smoke-test.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("smoke test of http://127.0.0.1:", "failed for 2s");
    }
}
