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
import java.util.HashMap;
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
 * local HTTP server on 127.0.0.1 standing in for the test listener in front of the new tasks. A stand-in boto3 module
 * (first on PYTHONPATH) answers the two AWS calls and logs them.
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

    /** ALB1's nodes are FAKE_ALB_ADDRESSES, the service wants FAKE_DESIRED_COUNT tasks. */
    private static final String FAKE_BOTO3 = """
            import json, os

            class _Ec2:
                def describe_network_interfaces(self, Filters):
                    print("aws ec2 describe_network_interfaces " + json.dumps(Filters))
                    addresses = os.environ["FAKE_ALB_ADDRESSES"].split()
                    return {"NetworkInterfaces": [{"PrivateIpAddress": a} for a in addresses]}

            class _Ecs:
                def describe_services(self, cluster, services):
                    print("aws ecs describe_services " + cluster + " " + " ".join(services))
                    return {"services": [{"desiredCount": int(os.environ["FAKE_DESIRED_COUNT"])}]}

            def client(name):
                return {"ec2": _Ec2(), "ecs": _Ecs()}[name]
            """;

    record Run(String output, String result) {}

    @TempDir
    Path temp;

    private StandInApplication newVersion;

    @BeforeEach
    void startNewVersion() throws Exception {
        newVersion = StandInApplication.start();
        Files.createDirectories(temp.resolve("boto3"));
        Files.writeString(temp.resolve("boto3/__init__.py"), FAKE_BOTO3);
    }

    @AfterEach
    void stopNewVersion() {
        newVersion.stop();
    }

    /** Locally, without LOAD_BALANCER, CLUSTER and SERVICE: straight to TEST_LISTENER_URL. */
    private Run runHandler() throws Exception {
        return runHandler(Map.of("TEST_LISTENER_URL", newVersion.url()));
    }

    private Run runHandler(Map<String, String> settings) throws Exception {
        var process = new ProcessBuilder(List.of(
                        "python3",
                        "-c",
                        CALL_HANDLER,
                        SmokeTestHook.codeDirectory().toString()))
                .redirectErrorStream(true);
        var environment = process.environment();
        for (var name : List.of("LOAD_BALANCER", "CLUSTER", "SERVICE", "SSL_CERT_FILE")) {
            environment.remove(name);
        }
        environment.put("SMOKE_TEST_TIMEOUT_SECONDS", "2");
        environment.put("SMOKE_TEST_INTERVAL_SECONDS", "1");
        environment.put("PYTHONDONTWRITEBYTECODE", "1");
        environment.put("PYTHONPATH", temp.toString());
        environment.putAll(settings);
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
     * On AWS the requests go to the private addresses of ALB1's nodes (EC2's answer) with the domain as TLS name and
     * Host: a local HTTPS server with a certificate for a name that resolves nowhere stands in for the test listener;
     * its certificate is the only one Python trusts here (SSL_CERT_FILE).
     */
    @Test
    void onAwsItSendsToTheLoadBalancersAddressesWithTheDomainAsTlsNameAndHost() throws Exception {
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
        var onAws = new HashMap<>(Map.of(
                "TEST_LISTENER_URL", "https://" + domain + ":" + port,
                "LOAD_BALANCER", "app/myamazingapp-prod/50dc6c495c0c9188",
                "CLUSTER", "myamazingapp-prod-cluster",
                "SERVICE", "myamazingapp-prod",
                "FAKE_ALB_ADDRESSES", "127.0.0.1",
                "FAKE_DESIRED_COUNT", "2",
                "SSL_CERT_FILE", certificate.toString()));
        try {
            var run = runHandler(onAws);

            assertThat(run.result()).as(run.output()).isEqualTo("{\"hookStatus\": \"SUCCEEDED\"}");
            assertThat(run.output())
                    .contains("aws ecs describe_services myamazingapp-prod-cluster myamazingapp-prod")
                    .contains("aws ec2 describe_network_interfaces [{\"Name\": \"description\", \"Values\": "
                            + "[\"ELB app/myamazingapp-prod/50dc6c495c0c9188\"]}]")
                    .contains("ok   readiness (https://" + domain + ":" + port
                            + "/actuator/health/readiness via 127.0.0.1)")
                    .contains("ok   sign-in");

            onAws.put("TEST_LISTENER_URL", "https://other.example.test:" + port);
            var otherName = runHandler(onAws);

            assertThat(otherName.result()).isEqualTo("{\"hookStatus\": \"FAILED\"}");
            assertThat(otherName.output()).contains("CERTIFICATE_VERIFY_FAILED");
        } finally {
            listener.stop();
        }
    }

    @Test
    void theFirstReleaseOfAServiceWithoutTasksHasNothingToCheckAndPasses() throws Exception {
        var run = runHandler(Map.of(
                "TEST_LISTENER_URL", newVersion.url(),
                "LOAD_BALANCER", "app/myamazingapp-prod/50dc6c495c0c9188",
                "CLUSTER", "myamazingapp-prod-cluster",
                "SERVICE", "myamazingapp-prod",
                "FAKE_ALB_ADDRESSES", "127.0.0.1",
                "FAKE_DESIRED_COUNT", "0"));

        assertThat(run.result()).isEqualTo("{\"hookStatus\": \"SUCCEEDED\"}");
        assertThat(run.output()).contains("myamazingapp-prod runs no task yet");
        assertThat(newVersion.calls("/actuator/health/readiness")).isZero();
    }

    private static void keytool(String... arguments) throws Exception {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
