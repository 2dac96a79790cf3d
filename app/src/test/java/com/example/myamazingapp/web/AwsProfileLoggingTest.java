package com.example.myamazingapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.ApiClient;
import com.example.myamazingapp.support.Browserless;
import com.example.myamazingapp.support.IntegrationTest;
import com.example.myamazingapp.support.TestS3;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * In the aws profile, stdout carries one JSON object per line, with the load balancer's trace id on request lines; the
 * session cookie is Secure (the load balancer speaks HTTPS to browsers).
 */
// Inline properties, not only @DynamicPropertySource: the required-variable check runs before dynamic ones are added.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "DATABASE_HOST=localhost",
            "DATABASE_NAME=postgres",
            "DATABASE_USER=postgres",
            "DATABASE_PASSWORD=postgres",
            // The test PostgreSQL has no TLS; RDS does (the aws profile's default is sslmode=require).
            "DATABASE_SSLMODE=disable",
            "DATA_BUCKET=" + TestS3.BUCKET,
            "REPORTS_BUCKET=reports",
            "AWS_REGION=" + TestS3.REGION
        })
@ActiveProfiles("aws")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class AwsProfileLoggingTest {

    @Value("${local.server.port}")
    int port;

    /**
     * Boot configures logging once per JVM: the first test context's format would stay. Resetting it lets this context
     * apply the aws profile's JSON format, and resetting again afterwards gives later contexts their own.
     */
    @BeforeAll
    @AfterAll
    static void resetLogging() {
        LoggingSystem.get(AwsProfileLoggingTest.class.getClassLoader()).cleanUp();
    }

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        IntegrationTest.environment(registry, Map.of());
    }

    @Test
    void requestLinesAreJsonObjectsCarryingTheRequestId(CapturedOutput output) {
        var traceId = "Root=1-5759e988-bd862e3fe1be46a994272793";
        var api = new ApiClient(port);

        var response = api.send(api.request("/login").header("X-Amzn-Trace-Id", traceId));

        assertThat(response.status()).isEqualTo(200);
        var json = JsonMapper.builder().build();
        var lines =
                output.getOut().lines().filter(line -> line.contains(traceId)).toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            var event = json.readTree(line);
            assertThat(event.get("requestId").asString()).isEqualTo(traceId);
            assertThat(event.get("message").asString()).isNotBlank();
        });
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("GET /login -> 200"));
    }

    @Test
    void theSessionCookieIsSecureAndHttpOnly() {
        var email = "aws-" + java.util.UUID.randomUUID() + "@example.com";
        new ApiClient(port).signUp(email, "correct horse battery");

        var login = new Browserless(port).logIn(email, "correct horse battery");

        var session = login.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("SESSION="))
                .findFirst();
        assertThat(session)
                .hasValueSatisfying(cookie -> assertThat(cookie)
                        .contains("; Secure")
                        .contains("; HttpOnly")
                        .contains("SameSite=Lax"));
    }
}
