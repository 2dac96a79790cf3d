package com.example.myamazingapp.infra.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the real infra/buildspecs/scripts with bash, in a scratch "checkout" folder, with recording stand-ins for
 * {@code aws} and {@code docker} first on PATH. The stand-ins log each call (one line: command and arguments) and keep
 * a tiny fake registry: {@code registry/<repository>/<tag>} holds a digest; {@code docker push} creates it with the
 * digest in FAKE_PUSH_DIGEST. {@code aws ecs describe-services} answers FAKE_DESIRED_COUNT (the CLI's "None" when
 * unset: no such service), or, asked for the task definition, FAKE_TASK_DEFINITION; {@code aws ecs
 * describe-task-definition} answers FAKE_RUNNING_IMAGE (the container's image); {@code aws ecs wait} fails when
 * FAKE_WAIT_FAILS is set; {@code aws ecr wait} when FAKE_SCAN_WAIT_FAILS is; {@code aws ecr
 * describe-image-scan-findings} answers FAKE_SCAN (its text output, escapes like \n and \t allowed; default: a
 * completed scan without findings).
 */
final class ScriptRun {

    static final Path SCRIPTS = Path.of("buildspecs/scripts").toAbsolutePath();

    private static final String AWS = """
            #!/usr/bin/env bash
            printf 'aws %s\\n' "$*" >> "$FAKE_HOME/calls.log"
            case "$1 $2" in
              "ecr get-login-password") echo fake-ecr-password ;;
              "ecr describe-images")
                [[ -z "${FAKE_DESCRIBE_ERROR:-}" ]] || { echo "$FAKE_DESCRIBE_ERROR" >&2; exit 254; }
                repo="" tag=""
                while (( $# )); do
                  case "$1" in
                    --repository-name) repo="$2"; shift ;;
                    --image-ids) tag="${2#imageTag=}"; shift ;;
                  esac
                  shift
                done
                if [[ -f "$FAKE_HOME/registry/$repo/$tag" ]]; then cat "$FAKE_HOME/registry/$repo/$tag"; else
                  echo "An error occurred (ImageNotFoundException) when calling the DescribeImages operation" >&2
                  exit 254
                fi ;;
              "ecr wait")
                [[ -z "${FAKE_SCAN_WAIT_FAILS:-}" ]] || { echo "Waiter ImageScanComplete failed" >&2; exit 255; } ;;
              "ecr describe-image-scan-findings") printf '%b\n' "${FAKE_SCAN:-COMPLETE\\nNone\\tNone\\tNone\\tNone\\tNone}" ;;
              "ssm put-parameter") echo '{"Version": 2, "Tier": "Standard"}' ;;
              "ecs describe-services")
                if [[ "$*" == *taskDefinition* ]]; then
                  echo "${FAKE_TASK_DEFINITION:-arn:aws:ecs:eu-west-1:123456789012:task-definition/myamazingapp-prod:7}"
                else
                  echo "${FAKE_DESIRED_COUNT:-None}"
                fi ;;
              "ecs describe-task-definition") echo "${FAKE_RUNNING_IMAGE:-None}" ;;
              "ecs update-service") echo '{"service": {"desiredCount": 0}}' ;;
              "ecs wait")
                if [[ -n "${FAKE_WAIT_FAILS:-}" ]]; then
                  echo "Waiter ServicesStable failed: Max attempts exceeded" >&2
                  exit 255
                fi ;;
              *) echo "aws stand-in: unexpected call: $*" >&2; exit 2 ;;
            esac
            """;

    private static final String DOCKER = """
            #!/usr/bin/env bash
            # login logs after reading the password, so the log keeps the pipe's order: aws first, then docker.
            [[ "$1" != login ]] || password="$(cat)"
            printf 'docker %s\\n' "$*" >> "$FAKE_HOME/calls.log"
            case "$1" in
              login) printf 'stdin %s\\n' "$password" >> "$FAKE_HOME/calls.log"; echo "Login Succeeded" ;;
              build) [[ -z "${FAKE_DOCKER_BUILD_FAILS:-}" ]] || { echo "build failed" >&2; exit 1; } ;;
              push)
                image="${2#*/}"
                mkdir -p "$FAKE_HOME/registry/${image%%:*}"
                printf '%s' "$FAKE_PUSH_DIGEST" > "$FAKE_HOME/registry/${image%%:*}/${image#*:}" ;;
              pull|tag) ;;
              *) echo "docker stand-in: unexpected call: $*" >&2; exit 2 ;;
            esac
            """;

    final Path home;
    final Path checkout;
    private final Map<String, String> environment = new HashMap<>();

    record Result(int exitCode, String output, List<String> calls) {}

    ScriptRun(Path tempDir) throws IOException {
        home = tempDir;
        checkout = Files.createDirectories(tempDir.resolve("checkout"));
        var bin = Files.createDirectories(tempDir.resolve("bin"));
        executable(bin.resolve("aws"), AWS);
        executable(bin.resolve("docker"), DOCKER);
        Files.createDirectories(tempDir.resolve("registry"));
        environment.put("PATH", bin + ":" + System.getenv("PATH"));
        environment.put("FAKE_HOME", tempDir.toString());
    }

    /**
     * Another recording stand-in: logs "name args" like aws and docker, then runs {@code body} (bash). It reads its
     * standard input before logging, so in a pipe {@code a | b} the log keeps the order a, b.
     */
    ScriptRun standIn(String name, String body) throws IOException {
        executable(
                home.resolve("bin").resolve(name),
                "#!/usr/bin/env bash\n"
                        + "input=\"$(mktemp)\"; cat > \"$input\"\n"
                        + "printf '" + name + " %s\\n' \"$*\" >> \"$FAKE_HOME/calls.log\"\n"
                        + "{\n:\n" + body + "\n} < \"$input\"\n");
        return this;
    }

    ScriptRun env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Puts an image into the fake registry, as if it had been pushed earlier. */
    ScriptRun imageInRegistry(String repository, String tag, String digest) throws IOException {
        var dir = Files.createDirectories(home.resolve("registry").resolve(repository));
        Files.writeString(dir.resolve(tag), digest);
        return this;
    }

    Result run(String script) throws IOException, InterruptedException {
        return run(SCRIPTS.resolve(script));
    }

    /**
     * Runs a copy of the scripts placed in the scratch checkout, for scripts that work on the checkout they are in. The
     * copies are not executable, as CodePipeline's source zip leaves them.
     */
    Result runInCheckout(String script) throws IOException, InterruptedException {
        var copy = Files.createDirectories(checkout.resolve("infra/buildspecs/scripts"));
        try (var scripts = Files.list(SCRIPTS)) {
            for (var file : scripts.toList()) {
                var target = Files.copy(file, copy.resolve(file.getFileName().toString()));
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        return run(copy.resolve(script));
    }

    private Result run(Path script) throws IOException, InterruptedException {
        var process = new ProcessBuilder("bash", script.toString())
                .directory(checkout.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("output.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        process.environment().clear();
        process.environment().putAll(environment);
        var started = process.start();
        if (!started.waitFor(60, TimeUnit.SECONDS)) {
            started.destroyForcibly();
            throw new AssertionError(script + " did not finish within 60 s");
        }
        var output = Files.readString(home.resolve("output.txt"));
        var log = home.resolve("calls.log");
        var calls = Files.exists(log) ? Files.readAllLines(log) : List.<String>of();
        return new Result(started.exitValue(), output, calls);
    }

    private static void executable(Path path, String content) throws IOException {
        Files.writeString(path, content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
