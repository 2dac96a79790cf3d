package com.example.myamazingapp.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on a random port, configured the way ECS configures it (the same variable names), against the
 * shared test PostgreSQL and S3Mock. All subclasses share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    /** Small, so the limit tests stay quick; the 1 GiB proof is scripts/big-upload.sh. */
    public static final long MAX_UPLOAD_BYTES = 1024 * 1024;

    @Value("${local.server.port}")
    protected int port;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("DATABASE_HOST", () -> "localhost");
        registry.add("DATABASE_PORT", TestDatabase::port);
        registry.add("DATABASE_NAME", () -> "postgres");
        registry.add("DATABASE_USER", () -> "postgres");
        registry.add("DATABASE_PASSWORD", () -> "postgres");
        registry.add("DATA_BUCKET", () -> TestS3.BUCKET);
        registry.add("S3_ENDPOINT", () -> TestS3.endpoint().toString());
        registry.add("AWS_REGION", () -> TestS3.REGION);
        registry.add("MAX_UPLOAD_SIZE", () -> MAX_UPLOAD_BYTES + "B");
    }

    protected ApiClient api() {
        return new ApiClient(port);
    }
}
