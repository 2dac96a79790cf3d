package com.example.myamazingapp.infra.pipeline;

import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.actionsOn;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.project;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.statementsOfProjectRole;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stage BuildImageQA: a privileged Docker build on Graviton that may push only to the QA repository. */
class QaImageBuildTest {

    @Test
    void imageBuildsRunPrivilegedForDockerWithTheirRepository() {
        var build = project("BuildImageQA");
        var promote = project("PromoteImageProd");

        assertThat(build.path("Environment").path("PrivilegedMode").asBoolean()).isTrue();
        assertThat(promote.path("Environment").path("PrivilegedMode").asBoolean())
                .isTrue();
        assertThat(project("SmokeTestQA")
                        .path("Environment")
                        .path("PrivilegedMode")
                        .asBoolean())
                .isFalse();
        assertThat(build.path("Source").path("BuildSpec").asText()).isEqualTo("infra/buildspecs/build-image.yml");
        assertThat(promote.path("Source").path("BuildSpec").asText()).isEqualTo("infra/buildspecs/promote-image.yml");

        var buildVariables =
                build.path("Environment").path("EnvironmentVariables").toString();
        assertThat(buildVariables)
                .contains(
                        "\"REPOSITORY_URI\"",
                        "Fixture-qa:",
                        "{\"Name\":\"CONTAINER_NAME\",\"Type\":\"PLAINTEXT\",\"Value\":\"web\"}")
                .doesNotContain("Fixture-prod");
        var promoteVariables =
                promote.path("Environment").path("EnvironmentVariables").toString();
        assertThat(promoteVariables).contains("\"SOURCE_REPOSITORY_URI\"", "Fixture-qa:", "Fixture-prod:");
        assertThat(buildVariables + promoteVariables).doesNotContain("IMAGE_TAG_PARAMETER");
    }

    @Test
    void theImageIsBuiltOnGravitonForTheArm64Tasks() {
        var environment = project("BuildImageQA").path("Environment");

        assertThat(environment.path("Type").asText()).isEqualTo("ARM_CONTAINER");
        assertThat(environment.path("ComputeType").asText()).isEqualTo("BUILD_GENERAL1_SMALL");
        assertThat(environment.path("Image").asText()).startsWith("aws/codebuild/amazonlinux-aarch64-standard:");
        assertThat(environment.path("EnvironmentVariables").toString())
                .contains("{\"Name\":\"IMAGE_PLATFORM\",\"Type\":\"PLAINTEXT\",\"Value\":\"linux/arm64\"}");
    }

    @Test
    void theQaBuildMayPushOnlyToTheQaRepositoryAndWriteNoParameter() {
        var statements = statementsOfProjectRole("BuildImageQA");

        assertThat(actionsOn(statements, "Fixture-qa:ExportsOutputFnGetAttRepository"))
                .contains("ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:DescribeImages");
        assertThat(statements.toString()).doesNotContain("Fixture-prod", "ssm:", "ecs:");
        assertThat(actionsOn(statements, "\"*\"")).containsExactly("ecr:GetAuthorizationToken");
    }
}
