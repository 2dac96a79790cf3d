package com.example.myamazingapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.ApiClient;
import com.example.myamazingapp.support.IntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A PostgreSQL of its own, stopped under the running application: readiness must go DOWN, liveness stay UP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its database is gone: do not keep this context (and its scheduled jobs) for later tests
class DatabaseDownTest {

    static EmbeddedPostgres ownDatabase;

    @Value("${local.server.port}")
    int port;

    ApiClient api() {
        return new ApiClient(port);
    }

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws IOException {
        ownDatabase = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("myamazingapp-test-pg-down"))
                .setCleanDataDirectory(true)
                .start();
        IntegrationTest.environment(
                registry,
                Map.of(
                        "DATABASE_PORT", ownDatabase::getPort,
                        "spring.datasource.hikari.connection-timeout", () -> "1000",
                        "spring.datasource.hikari.validation-timeout", () -> "500"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        ownDatabase.close();
    }

    @Test
    void readinessIsDownWhileTheDatabaseIsUnreachable() throws IOException {
        assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);

        ownDatabase.close();
        var readiness = api().get("/actuator/health/readiness");

        // Only the database was stopped, so it is what turned readiness DOWN; anonymous callers see just the status.
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.text()).isEqualTo("{\"status\":\"DOWN\"}");
        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
    }
}
