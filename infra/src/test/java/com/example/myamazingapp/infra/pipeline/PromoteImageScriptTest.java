package com.example.myamazingapp.infra.pipeline;

import static com.example.myamazingapp.infra.pipeline.BuildImageScriptTest.DIGEST;
import static com.example.myamazingapp.infra.pipeline.BuildImageScriptTest.QA_REPOSITORY;
import static com.example.myamazingapp.infra.pipeline.BuildImageScriptTest.REGISTRY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PromoteImageProd's script: the approved QA image goes to Prod by digest, never rebuilt. */
class PromoteImageScriptTest {

    static final String PROD_REPOSITORY = REGISTRY + "/myamazingapp-prod";
    static final String DESCRIBE_PROD = "aws ecr describe-images --repository-name myamazingapp-prod"
            + " --image-ids imageTag=3f9c2a71 --query imageDetails[0].imageDigest --output text";

    @TempDir
    Path temp;

    ScriptRun script;

    @BeforeEach
    void promotionEnvironment() throws Exception {
        script = new ScriptRun(temp)
                .env("SOURCE_REPOSITORY_URI", QA_REPOSITORY)
                .env("REPOSITORY_URI", PROD_REPOSITORY)
                .env("CONTAINER_NAME", "web")
                .env("IMAGE_TAG", "3f9c2a71")
                .env("IMAGE_DIGEST", DIGEST)
                .env("CODEBUILD_RESOLVED_SOURCE_VERSION", BuildImageScriptTest.COMMIT)
                .imageInRegistry("myamazingapp-qa", "3f9c2a71", DIGEST);
    }

    @Test
    void copiesTheApprovedDigestToProdWithoutBuilding() throws Exception {
        var result = script.env("FAKE_PUSH_DIGEST", DIGEST).run("promote-image.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls())
                .containsExactly(
                        "aws ecr get-login-password",
                        "docker login --username AWS --password-stdin " + REGISTRY,
                        "stdin fake-ecr-password",
                        DESCRIBE_PROD,
                        "docker pull " + QA_REPOSITORY + "@" + DIGEST,
                        "docker tag " + QA_REPOSITORY + "@" + DIGEST + " " + PROD_REPOSITORY + ":3f9c2a71",
                        "docker push " + PROD_REPOSITORY + ":3f9c2a71",
                        DESCRIBE_PROD);
        var definitions = new ObjectMapper()
                .readTree(script.checkout.resolve("imagedefinitions.json").toFile());
        assertThat(definitions)
                .isEqualTo(new ObjectMapper()
                        .readTree("[{\"name\":\"web\",\"imageUri\":\"" + PROD_REPOSITORY + ":3f9c2a71\"}]"));
        assertThat(Files.readString(script.checkout.resolve("image.env"))).contains("IMAGE_DIGEST=" + DIGEST);
    }

    @Test
    void refusesToShipWhenProdWouldHoldADifferentDigest() throws Exception {
        var other = "sha256:" + "cd".repeat(32);

        var result = script.env("FAKE_PUSH_DIGEST", other).run("promote-image.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("has digest '" + other + "', but QA approved " + DIGEST);
        assertThat(script.checkout.resolve("imagedefinitions.json")).doesNotExist();
    }

    @Test
    void aRerunAfterTheImageReachedProdDoesNotCopyItAgain() throws Exception {
        script.imageInRegistry("myamazingapp-prod", "3f9c2a71", DIGEST);

        var result = script.env("FAKE_PUSH_DIGEST", "sha256:" + "00".repeat(32)).run("promote-image.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls()).noneMatch(call -> call.startsWith("docker pull") || call.startsWith("docker push"));
        assertThat(script.checkout.resolve("imagedefinitions.json")).isRegularFile();
    }

    @Test
    void aDigestThatIsNotOneIsRefusedBeforeAnyCall() throws Exception {
        var result = script.env("IMAGE_DIGEST", "#{QAImage.IMAGE_DIGEST}").run("promote-image.sh");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("IMAGE_DIGEST '#{QAImage.IMAGE_DIGEST}' is not an image digest");
        assertThat(result.calls()).isEmpty();
    }
}
