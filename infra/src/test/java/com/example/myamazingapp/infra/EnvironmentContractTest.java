package com.example.myamazingapp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract between the application and its infrastructure: the environment variables the ECS task definition gives
 * the container (plain and secret) are the ones the application reads, name for name, except the few of
 * {@link #ONE_SIDED}, each with its reason; and the README's configuration table lists every one of them.
 *
 * <p>The application's side is read from its sources: the {@code ${NAME…}} placeholders of
 * app/src/main/resources/application*.properties and of its Java code ({@code @Value}), its {@code System.getenv} and
 * {@code environment.getProperty} look-ups, and the variables the image's start command reads (the Dockerfile's CMD and
 * scripts/image.sh).
 */
class EnvironmentContractTest {

    enum Side {
        TASK_ONLY,
        APPLICATION_ONLY
    }

    record OneSided(Side side, String reason) {}

    /** The variables on one side only, on purpose. */
    static final Map<String, OneSided> ONE_SIDED = Map.of(
            "SPRING_PROFILES_ACTIVE",
            new OneSided(Side.TASK_ONLY, "Spring Boot reads it itself to choose the aws profile"),
            "S3_ENDPOINT",
            new OneSided(
                    Side.APPLICATION_ONLY,
                    "local runs with a non-AWS S3 server (S3Mock, MinIO); on AWS the SDK finds S3 itself"),
            "DATABASE_SSLMODE",
            new OneSided(
                    Side.APPLICATION_ONLY,
                    "the task keeps the aws profile's require; verify-full needs the RDS CA bundle in the image"),
            "APP_COMMIT",
            new OneSided(Side.APPLICATION_ONLY, "the image's build argument sets it (Dockerfile), not the task"),
            "JAVA_OPTS",
            new OneSided(Side.APPLICATION_ONLY, "the image's start command reads it and the image sets its default"),
            "PG_BIN",
            new OneSided(
                    Side.APPLICATION_ONLY,
                    "the image's build reads it (image.sh train, its throwaway PostgreSQL), never a running task"));

    static final Path REPOSITORY = InfraApp.infraDir().toAbsolutePath().getParent();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern LOOK_UP = Pattern.compile("(?:getenv|getProperty)\\(\"([A-Z][A-Z0-9_]*)\"\\)");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");
    private static final Pattern SHELL_ASSIGNMENT = Pattern.compile("(?m)^\\s*(?:export\\s+)?([A-Z][A-Z0-9_]*)=");
    private static final Pattern README_ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|", Pattern.MULTILINE);

    static Set<String> setByTheTask;
    static Set<String> readByTheApplication;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readBothSides() throws IOException {
        // Every optional setting configured, so that every variable the task can get is in the task definition.
        EnvironmentOptionsTest.synthesize();
        var container = ServiceTest.container(EnvironmentOptionsTest.template);
        setByTheTask = new TreeSet<String>();
        for (var key : List.of("Environment", "Secrets")) {
            ((List<Map<String, Object>>) container.get(key))
                    .forEach(variable -> setByTheTask.add(variable.get("Name").toString()));
        }

        readByTheApplication = new TreeSet<String>();
        var main = REPOSITORY.resolve("app/src/main");
        try (Stream<Path> files = Files.walk(main)) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")
                            || f.getFileName().toString().matches("application.*\\.properties"))
                    .toList()) {
                var text = Files.readString(file);
                PLACEHOLDER.matcher(text).results().forEach(m -> readByTheApplication.add(m.group(1)));
                LOOK_UP.matcher(text).results().forEach(m -> readByTheApplication.add(m.group(1)));
            }
        }
        Files.readAllLines(REPOSITORY.resolve("Dockerfile")).stream()
                .filter(line -> line.startsWith("CMD") || line.startsWith("ENTRYPOINT"))
                .forEach(line ->
                        SHELL_VARIABLE.matcher(line).results().forEach(m -> readByTheApplication.add(m.group(1))));
        // The image's CMD runs scripts/image.sh: what it reads from the environment without setting it itself.
        var startScript = Files.readString(REPOSITORY.resolve("scripts/image.sh"));
        var setByTheScript = SHELL_ASSIGNMENT
                .matcher(startScript)
                .results()
                .map(m -> m.group(1))
                .toList();
        SHELL_VARIABLE
                .matcher(startScript)
                .results()
                .map(m -> m.group(1))
                .filter(name -> !setByTheScript.contains(name))
                .forEach(readByTheApplication::add);
    }

    @Test
    void theTaskSetsExactlyTheVariablesTheApplicationReadsSaveTheOnesListedWithTheirReason() {
        var oneSided = new TreeMap<String, Side>();
        setByTheTask.stream()
                .filter(name -> !readByTheApplication.contains(name))
                .forEach(name -> oneSided.put(name, Side.TASK_ONLY));
        readByTheApplication.stream()
                .filter(name -> !setByTheTask.contains(name))
                .forEach(name -> oneSided.put(name, Side.APPLICATION_ONLY));
        var expected = new TreeMap<String, Side>();
        ONE_SIDED.forEach((name, why) -> expected.put(name, why.side()));

        assertThat(oneSided)
                .as(
                        "variables on one side only (set by the task: %s; read by the application: %s). Set a new "
                                + "variable in Service.java and read it in the application, or list it in ONE_SIDED with the "
                                + "reason",
                        setByTheTask, readByTheApplication)
                .isEqualTo(expected);
        assertThat(setByTheTask).contains("DATABASE_HOST", "DATABASE_PASSWORD", "REPORT_ADMINS", "REPORT_SCHEDULE");
        assertThat(readByTheApplication).contains("DATABASE_HOST", "DATABASE_PASSWORD", "S3_ENDPOINT", "JAVA_OPTS");
    }

    @Test
    void theReadmesConfigurationTableListsEveryVariableOfEitherSide() throws IOException {
        var readme = Files.readString(REPOSITORY.resolve("README.md"));
        var table = readme.substring(
                readme.indexOf("## Configuration reference"),
                readme.indexOf("\n## ", readme.indexOf("## Configuration reference") + 1));
        var listed = new TreeSet<String>();
        README_ROW.matcher(table).results().forEach(m -> listed.add(m.group(1)));

        var variables = new TreeSet<String>(setByTheTask);
        variables.addAll(readByTheApplication);
        assertThat(listed).isEqualTo(variables);
    }
}
