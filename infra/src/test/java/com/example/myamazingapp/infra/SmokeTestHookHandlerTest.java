package com.example.myamazingapp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook's real handler (infra/lambda/smoke-test/hook.py, run by python3 as Lambda would call it) against a tiny
 * local HTTP server on 127.0.0.1 standing in for the test listener in front of the new tasks.
 */
class SmokeTestHookHandlerTest {

    private static final String CALL_HANDLER = """
            import json, sys
            sys.path.insert(0, sys.argv[1])
            import hook
            event = {"executionDetails": {"lifecycleStage": "POST_TEST_TRAFFIC_SHIFT",
                     "targetServiceRevisionArn": "arn:aws:ecs:eu-west-1:123456789012:service-revision/c/s/7"}}
            print("RESULT " + json.dumps(hook.handler(event, None)))
            """;

    record Run(String output, String result) {}

    private StandInApplication newVersion;

    @BeforeEach
    void startNewVersion() throws Exception {
        newVersion = StandInApplication.start();
    }

    @AfterEach
    void stopNewVersion() {
        newVersion.stop();
    }

    private Run runHandler() throws Exception {
        var process = new ProcessBuilder(List.of(
                        "python3",
                        "-c",
                        CALL_HANDLER,
                        SmokeTestHook.codeDirectory().toString()))
                .redirectErrorStream(true);
        var environment = process.environment();
        environment.put("TEST_LISTENER_URL", newVersion.url());
        environment.put("SMOKE_TEST_TIMEOUT_SECONDS", "2");
        environment.put("SMOKE_TEST_INTERVAL_SECONDS", "1");
        environment.put("PYTHONDONTWRITEBYTECODE", "1");
        environment.remove("LOAD_BALANCER");
        var running = process.start();
        var output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(running.exitValue()).as(output).isZero();
        var result = output.lines()
                .filter(line -> line.startsWith("RESULT "))
                .map(line -> line.substring("RESULT ".length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the handler returned nothing:\n" + output));
        return new Run(output, result);
    }

    @Test
    void succeedsWhenTheNewVersionPassesEveryCheck() throws Exception {
        var run = runHandler();

        assertThat(run.result()).isEqualTo("{\"hookStatus\": \"SUCCEEDED\"}");
        assertThat(run.output())
                .contains("service-revision/c/s/7", "ok   readiness", "ok   sign-in", "passed the smoke test");
    }

    @Test
    void failsSoThatEcsRollsBackWhenReadinessStaysDown() throws Exception {
        newVersion.page("/actuator/health/readiness", 503, "{\"status\":\"OUT_OF_SERVICE\"}");

        var run = runHandler();

        assertThat(run.result()).isEqualTo("{\"hookStatus\": \"FAILED\"}");
        assertThat(run.output())
                .contains("FAILED: the smoke test of http://127.0.0.1:", "failed for 2s")
                .contains("readiness: http://127.0.0.1:")
                .contains("/actuator/health/readiness answered HTTP 503");
        assertThat(newVersion.calls("/actuator/health/readiness"))
                .as("retried before giving up")
                .isGreaterThan(1);
    }

    @Test
    void failsWhenTheSignInPageDoesNotServeItsForm() throws Exception {
        newVersion.page("/login", 200, "<html>maintenance</html>");

        var run = runHandler();

        assertThat(run.result()).isEqualTo("{\"hookStatus\": \"FAILED\"}");
        assertThat(run.output()).contains("ok   readiness", "sign-in:", "/login does not contain '<form'");
    }

    @Test
    void failsWhenNothingAnswers() throws Exception {
        newVersion.stop();

        var run = runHandler();

        assertThat(run.result()).isEqualTo("{\"hookStatus\": \"FAILED\"}");
        assertThat(run.output()).contains("readiness: http://127.0.0.1:", "last problem");
    }

    /**
     * On AWS the requests go to one of ALB1's private addresses with the domain as TLS name and Host: a local HTTPS
     * server with a certificate for a name that resolves nowhere stands in for the listener; the certificate is the
     * only one Python trusts here (SSL_CERT_FILE).
     */
    @Test
    void onAwsItSendsToTheLoadBalancersAddressWithTheDomainAsTlsNameAndHost(@TempDir Path temp) throws Exception {
        var domain = "myamazingapp.example.test";
        var keystore = temp.resolve("listener.p12");
        var certificate = temp.resolve("listener.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "listener",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + domain,
                "-ext",
                "SAN=dns:" + domain,
                "-validity",
                "2",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "listener",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                certificate.toString());
        var keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        var tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        var server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        var port = server.getAddress().getPort();
        var listener = StandInApplication.on(server).onlyFor(domain + ":" + port);
        try {
            var check = """
                    import sys
                    sys.path.insert(0, sys.argv[1])
                    import hook
                    print("RESULT", hook.first_problem(sys.argv[2], ["127.0.0.1"], hook.read_checks()))
                    """;
            var trusted =
                    python(check, Map.of("SSL_CERT_FILE", certificate.toString()), "https://" + domain + ":" + port);
            assertThat(trusted)
                    .contains(
                            "ok   readiness (https://" + domain + ":" + port
                                    + "/actuator/health/readiness via 127.0.0.1)",
                            "ok   sign-in",
                            "RESULT None");

            var otherName = python(
                    check, Map.of("SSL_CERT_FILE", certificate.toString()), "https://other.example.test:" + port);
            assertThat(otherName).contains("RESULT readiness:", "CERTIFICATE_VERIFY_FAILED");
        } finally {
            listener.stop();
        }
    }

    private static void keytool(String... arguments) throws Exception {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    private static String python(String code, Map<String, String> environment, String argument) throws Exception {
        var builder = new ProcessBuilder(List.of(
                        "python3", "-c", code, SmokeTestHook.codeDirectory().toString(), argument))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
