package com.example.myamazingapp.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on a random port, configured the way ECS configures it (the same variable names), against the shared
 * test PostgreSQL and S3Mock. All subclasses share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Probes.class)
public abstract class IntegrationTest {

    /** Small, so the limit tests stay quick; the 1 GiB proof is scripts/big-upload.sh. */
    public static final long MAX_UPLOAD_BYTES = 1024 * 1024;

    public static final String TEST_COMMIT = "test-commit";

    @Value("${local.server.port}")
    protected int port;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        environment(registry, Map.of());
    }

    /** The ECS variable names, pointing at the test servers; {@code overrides} replaces some (fault tests). */
    public static void environment(DynamicPropertyRegistry registry, Map<String, Supplier<Object>> overrides) {
        var values = new LinkedHashMap<String, Supplier<Object>>();
        values.put("DATABASE_HOST", () -> "localhost");
        values.put("DATABASE_PORT", TestDatabase::port);
        values.put("DATABASE_NAME", () -> "postgres");
        values.put("DATABASE_USER", () -> "postgres");
        values.put("DATABASE_PASSWORD", () -> "postgres");
        values.put("DATA_BUCKET", () -> TestS3.BUCKET);
        values.put("S3_ENDPOINT", () -> TestS3.endpoint().toString());
        values.put("AWS_REGION", () -> TestS3.REGION);
        values.put("MAX_UPLOAD_SIZE", () -> MAX_UPLOAD_BYTES + "B");
        // Set here so /actuator/info has a commit whether or not the checkout has .git (a source zip has none).
        values.put("APP_COMMIT", () -> TEST_COMMIT);
        // Spring's "disabled": the daily 02:00 UTC report never fires in the middle of a test; report tests call the
        // job.
        values.put("REPORT_SCHEDULE", () -> "-");
        values.putAll(overrides);
        values.forEach(registry::add);
    }

    protected ApiClient api() {
        return new ApiClient(port);
    }
}
