package com.example.myamazingapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.ApiClient;
import com.example.myamazingapp.support.Browserless;
import com.example.myamazingapp.support.IntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL of its own, stopped under the running application (as during an RDS failover) and started again on the
 * same data and port: the load balancer's check (liveness) stays UP, what needs the database answers 503 in the
 * documented shapes, readiness says DOWN, and once the database is back everything works again without a restart. The
 * pool's timeouts are the production ones (application.properties); files go to the local folder store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseDownTest {

    static Path dataDirectory;
    static Path objects;
    static EmbeddedPostgres ownDatabase;

    @Value("${local.server.port}")
    int port;

    ApiClient api() {
        return new ApiClient(port);
    }

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws IOException {
        dataDirectory = Files.createTempDirectory("myamazingapp-test-pg-down");
        ownDatabase = start(0);
        var port = ownDatabase.getPort();
        // Files in the local folder store: the database is the one dependency this test takes away.
        objects = Files.createTempDirectory("myamazingapp-test-objects-db-down");
        IntegrationTest.environment(
                registry,
                Map.of(
                        "DATABASE_PORT", () -> port,
                        "DATA_BUCKET", () -> "",
                        "S3_ENDPOINT", () -> "",
                        "app.storage.local-folder",
                                () -> objects.resolve("objects").toString(),
                        "app.reports.local-folder",
                                () -> objects.resolve("reports").toString()));
    }

    /** On {@code port}, or a free one when 0; the data directory is kept, so a restart finds the same data. */
    static EmbeddedPostgres start(int port) throws IOException {
        var builder = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        return (port == 0 ? builder : builder.setPort(port)).start();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        ownDatabase.close();
        FileSystemUtils.deleteRecursively(dataDirectory);
        FileSystemUtils.deleteRecursively(objects);
    }

    @Test
    void whileTheDatabaseIsGoneOnlyWhatNeedsItFailsWith503AndEverythingRecoversWhenItReturns() throws IOException {
        var user = api().newAccount();
        assertThat(user.put("kept.txt", "hello".getBytes(), "text/plain").status())
                .isEqualTo(201);
        var browser = Browserless.newSignedInUser(port);
        assertThat(browser.get("/files").statusCode()).isEqualTo(200);
        assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);

        var databasePort = ownDatabase.getPort();
        ownDatabase.close();

        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        var readiness = api().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.text()).isEqualTo("{\"status\":\"DOWN\"}");
        // HTTP Basic looks the account up in the filters, before any controller.
        var list = user.get("/api/files");
        assertThat(list.status()).isEqualTo(503);
        assertThat(list.json().get("status").asInt()).isEqualTo(503);
        assertThat(list.json().get("error").asString()).isEqualTo("Service Unavailable");
        assertThat(list.json().get("message").asString()).contains("database is unavailable", "nothing was changed");
        // A controller that needs the database.
        var signUp = api().signUp("late-" + UUID.randomUUID() + "@example.com", "correct horse battery");
        assertThat(signUp.status()).isEqualTo(503);
        assertThat(signUp.json().get("message").asString()).contains("database is unavailable");
        // The session lives in PostgreSQL: a signed-in page view gets the friendly error page, no stack trace.
        var page = browser.get("/files");
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body())
                .contains("503 Service Unavailable", "database is unavailable")
                .doesNotContain("Exception", "SQL", "jdbc");

        ownDatabase = start(databasePort);

        assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);
        var again = user.get("/api/files");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text()).contains("kept.txt");
        assertThat(browser.get("/files").statusCode()).isEqualTo(200);
        assertThat(api().newAccount()
                        .put("after.txt", "back".getBytes(), "text/plain")
                        .status())
                .isEqualTo(201);
    }
}
