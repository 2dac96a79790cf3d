package com.example.myamazingapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.MyAmazingApplication;
import com.example.myamazingapp.support.ApiClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's first command: no configuration at all, so an embedded PostgreSQL and the local folder store, both under
 * .data, kept across restarts. The application's own main class runs twice over one temporary .data folder: what the
 * first run stored, the second run finds.
 */
class EmbeddedDefaultsTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void accountsAndFilesSurviveARestartOnTheEmbeddedDefaults(@TempDir Path workingFolder) {
        var data = workingFolder.resolve(".data");
        var email = "newcomer@example.com";
        var content = "kept across restarts".getBytes(StandardCharsets.UTF_8);

        try (var first = start(data)) {
            var api = new ApiClient(port(first));
            assertThat(api.signUp(email, PASSWORD).status()).isEqualTo(201);
            assertThat(api.as(email, PASSWORD)
                            .put("notes.txt", content, "text/plain")
                            .status())
                    .isEqualTo(201);
        }
        assertThat(data.resolve("postgres/PG_VERSION"))
                .as("the embedded cluster's folder")
                .isRegularFile();
        assertThat(data.resolve("objects/files")).as("the local object folder").isDirectory();

        try (var second = start(data)) {
            var api = new ApiClient(port(second)).as(email, PASSWORD);
            var listing = api.get("/api/files");
            assertThat(listing.status()).as(listing.toString()).isEqualTo(200);
            assertThat(listing.json().get("total").asLong()).isEqualTo(1);
            var file = listing.json().get("items").get(0);
            assertThat(file.get("name").asString()).isEqualTo("notes.txt");
            assertThat(api.get("/api/files/" + file.get("id").asString() + "/content")
                            .body())
                    .isEqualTo(content);
        }
    }

    /**
     * The application as {@code ./mvnw -pl app spring-boot:run} starts it, except for a random port and .data in the
     * temporary folder. Command-line arguments outrank the environment, so a DATABASE_HOST or DATA_BUCKET exported (or
     * a profile) on the machine cannot turn the embedded defaults off.
     */
    private static ConfigurableApplicationContext start(Path data) {
        return SpringApplication.run(
                MyAmazingApplication.class,
                "--server.port=0",
                "--spring.profiles.active=",
                "--DATABASE_HOST=",
                "--DATA_BUCKET=",
                "--app.embedded-database.data-directory=" + data.resolve("postgres"),
                "--app.storage.local-folder=" + data.resolve("objects"),
                "--app.reports.local-folder=" + data);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
