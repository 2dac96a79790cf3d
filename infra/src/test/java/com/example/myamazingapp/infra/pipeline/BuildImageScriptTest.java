package com.example.myamazingapp.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BuildImageQA's script (infra/buildspecs/scripts/build-image.sh), run with recording aws and docker. */
class BuildImageScriptTest {

    static final String REGISTRY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    static final String QA_REPOSITORY = REGISTRY + "/myamazingapp-qa";
    static final String COMMIT = "3f9c2a71d04be5c8a6f1e2d3c4b5a69788796a5b";
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String DESCRIBE =
            "aws ecr describe-images --repository-name myamazingapp-qa --image-ids imageTag=3f9c2a71"
                    + " --query imageDetails[0].imageDigest --output text";

    @TempDir
    Path temp;

    ScriptRun script;

    @BeforeEach
    void qaBuildEnvironment() throws Exception {
        script = new ScriptRun(temp)
                .env("REPOSITORY_URI", QA_REPOSITORY)
                .env("CONTAINER_NAME", "web")
                .env("CODEBUILD_RESOLVED_SOURCE_VERSION", COMMIT)
                .env("FAKE_PUSH_DIGEST", DIGEST);
    }

    @Test
    void buildsTagsWithTheFirst8CharactersOfTheCommitAndPushesToQaWithoutRecordingTheTagYet() throws Exception {
        var result = script.run("build-image.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls())
                .containsExactly(
                        "aws ecr get-login-password",
                        "docker login --username AWS --password-stdin " + REGISTRY,
                        "stdin fake-ecr-password",
                        DESCRIBE,
                        "docker build --platform linux/arm64 --build-arg APP_COMMIT=" + COMMIT + " --tag "
                                + QA_REPOSITORY + ":3f9c2a71 .",
                        "docker push " + QA_REPOSITORY + ":3f9c2a71",
                        DESCRIBE);
    }

    @Test
    void buildsForThePlatformTheProjectNames() throws Exception {
        var result = script.env("IMAGE_PLATFORM", "linux/amd64").run("build-image.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls()).anyMatch(call -> call.startsWith("docker build --platform linux/amd64 "));
    }

    @Test
    void writesImagedefinitionsForContainerWebAndTheVariablesTheNextStepsRead() throws Exception {
        var result = script.run("build-image.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        var definitions = new ObjectMapper()
                .readTree(script.checkout.resolve("imagedefinitions.json").toFile());
        assertThat(definitions)
                .isEqualTo(new ObjectMapper()
                        .readTree("[{\"name\":\"web\",\"imageUri\":\"" + QA_REPOSITORY + ":3f9c2a71\"}]"));
        assertThat(Files.readString(script.checkout.resolve("image.env")))
                .isEqualTo("export IMAGE_TAG=3f9c2a71\nexport IMAGE_DIGEST=" + DIGEST + "\n");
    }

    @Test
    void restoresTheWrappersExecutableBitThatTheSourceZipLostBeforeDockerBuild() throws Exception {
        var mvnw = Files.writeString(script.checkout.resolve("mvnw"), "#!/bin/sh\n");
        assertThat(Files.isExecutable(mvnw))
                .as("mvnw as the source zip leaves it")
                .isFalse();

        var result = script.run("build-image.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(mvnw).isExecutable();
    }

    @Test
    void aRerunForTheSameCommitReusesTheImageInsteadOfBuildingAnother() throws Exception {
        script.imageInRegistry("myamazingapp-qa", "3f9c2a71", DIGEST);

        var result = script.run("build-image.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls()).noneMatch(call -> call.startsWith("docker build") || call.startsWith("docker push"));
        assertThat(result.output()).contains("already exists (" + DIGEST + ")");
        assertThat(Files.readString(script.checkout.resolve("image.env"))).contains("IMAGE_TAG=3f9c2a71");
    }

    @Test
    void aFailedDockerBuildStopsBeforeAnythingIsPushed() throws Exception {
        var result = script.env("FAKE_DOCKER_BUILD_FAILS", "yes").run("build-image.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.calls()).noneMatch(call -> call.startsWith("docker push"));
        assertThat(script.checkout.resolve("imagedefinitions.json")).doesNotExist();
    }

    @Test
    void aSourceVersionThatIsNotACommitIdIsRefused() throws Exception {
        var result = script.env("CODEBUILD_RESOLVED_SOURCE_VERSION", "refs/heads/main")
                .run("build-image.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("'refs/heads/main' is not a git commit id");
        assertThat(result.calls()).isEmpty();
    }

    @Test
    void aMissingSettingIsNamed() throws Exception {
        var result = script.env("REPOSITORY_URI", "").run("build-image.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("environment variable REPOSITORY_URI is not set");
        assertThat(result.calls()).isEmpty();
    }

    @Test
    void anEcrErrorOtherThanNotFoundStopsTheBuildWithTheError() throws Exception {
        var result = script.env(
                        "FAKE_DESCRIBE_ERROR",
                        "An error occurred (AccessDeniedException) when calling the DescribeImages operation")
                .run("build-image.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("ecr describe-images for " + QA_REPOSITORY + ":3f9c2a71 failed:", "AccessDeniedException");
        assertThat(result.calls()).noneMatch(call -> call.startsWith("docker build"));
    }

    @Test
    void anUnexpectedEcrAnswerStopsTheBuild() throws Exception {
        // A tag file that is not a digest makes the fake answer something unexpected, like a throttled call would.
        script.imageInRegistry("myamazingapp-qa", "3f9c2a71", "None");

        var result = script.run("build-image.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("unexpected answer from ecr describe-images");
        assertThat(result.calls()).noneMatch(call -> call.startsWith("docker build"));
    }
}
