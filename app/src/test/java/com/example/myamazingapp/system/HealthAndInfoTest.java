package com.example.myamazingapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.Browserless;
import com.example.myamazingapp.support.IntegrationTest;
import java.io.IOException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HealthAndInfoTest extends IntegrationTest {

    @Test
    void livenessAndReadinessAreUpWithTheDatabaseAndTheDataBucket() {
        var liveness = api().get("/actuator/health/liveness");
        var readiness = api().get("/actuator/health/readiness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        // The load balancer (anonymous) learns the status and nothing else.
        assertThat(readiness.text()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(api().get("/actuator/health").json().has("components")).isFalse();
    }

    @Test
    void aSignedInUserSeesTheComponentsButNoDetails() {
        var browser = Browserless.newSignedInUser(port);

        var readiness = browser.getJson("/actuator/health/readiness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body())
                .contains("\"db\":{\"status\":\"UP\"}", "\"dataBucket\":{\"status\":\"UP\"}")
                .doesNotContain("details");
    }

    @Test
    void infoShowsTheBuildVersionAndTheCommit() throws IOException {
        var info = api().get("/actuator/info").json();
        var fromGit = gitCommit();

        assertThat(info.get("build").get("version").asString()).isEqualTo("1.0.0-SNAPSHOT");
        // The git plugin fills git.properties only when the build saw .git; without it (a source zip) APP_COMMIT,
        // which the tests set, is the fallback. Either way the commit is known.
        if (fromGit == null) {
            assertThat(info.get("commit").asString()).isEqualTo(TEST_COMMIT);
        } else {
            assertThat(info.get("commit").asString()).isEqualTo(fromGit);
            assertThat(info.get("git").get("commit").get("id").asString()).isEqualTo(fromGit);
        }
    }

    @Test
    void onlyHealthAndInfoAreExposedEvenToASignedInUser() {
        var browser = Browserless.newSignedInUser(port);

        for (var endpoint : new String[] {"env", "beans", "configprops", "heapdump", "metrics", "loggers"}) {
            assertThat(browser.get("/actuator/" + endpoint).statusCode())
                    .as(endpoint)
                    .isEqualTo(404);
        }
    }

    @Test
    void theSignInPageIsServedForThePipelineSmokeTest() {
        var login = api().get("/login");

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Content-Type")).startsWith("text/html");
        assertThat(login.text()).contains("<label for=\"email\">E-mail</label>");
    }

    /** The short commit in the build's git.properties, or null when the build saw no .git. */
    private static String gitCommit() throws IOException {
        try (var in = HealthAndInfoTest.class.getResourceAsStream("/git.properties")) {
            if (in == null) {
                return null;
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("git.commit.id.abbrev");
        }
    }

    @Test
    void theLoadBalancerTraceIdBecomesTheRequestId() {
        var traced = api().send(
                        api().request("/login").header("X-Amzn-Trace-Id", "Root=1-67891233-abcdef012345678912345678"));
        var untraced = api().get("/login");

        assertThat(traced.header("X-Request-Id")).isEqualTo("Root=1-67891233-abcdef012345678912345678");
        assertThat(untraced.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }
}
