package com.example.myamazingapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.ApiClient;
import com.example.myamazingapp.support.Browserless;
import com.example.myamazingapp.support.IntegrationTest;
import com.example.myamazingapp.support.TestS3;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The data bucket's server is unreachable (a closed port): not ready, and uploads fail cleanly with 503. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StorageDownTest {

    @Autowired
    JdbcClient jdbc;

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void unreachableBucket(DynamicPropertyRegistry registry) {
        IntegrationTest.environment(registry, Map.of("S3_ENDPOINT", () -> "http://127.0.0.1:" + TestS3.freePort()));
    }

    ApiClient api() {
        return new ApiClient(port);
    }

    @Test
    void readinessIsDownWhileLivenessStaysUp() {
        var readiness = api().get("/actuator/health/readiness");
        var signedIn = Browserless.newSignedInUser(port);
        var components = signedIn.getJson("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.text()).isEqualTo("{\"status\":\"DOWN\"}");
        assertThat(components.statusCode()).isEqualTo(503);
        assertThat(components.body()).contains("\"dataBucket\":{\"status\":\"DOWN\"}", "\"db\":{\"status\":\"UP\"}");
        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void anUploadAnswers503WithAClearMessageAndWritesNoRow() {
        var user = api().newAccount();
        long rowsBefore =
                jdbc.sql("SELECT count(*) FROM stored_files").query(Long.class).single();

        var response = user.put("a.txt", "hello".getBytes(), "text/plain");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("message").asString())
                .contains("File storage is unavailable")
                .contains("nothing was changed");
        assertThat(jdbc.sql("SELECT count(*) FROM stored_files")
                        .query(Long.class)
                        .single())
                .isEqualTo(rowsBefore);
    }
}
