package com.example.myamazingapp.infra.pipeline;

import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.action;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.project;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.statementsOfProjectRole;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stage Test: the tests run on the source, with a role that cannot touch images or parameters. */
class TestBuildTest {

    @Test
    void testsRunInCodeBuildOnTheSourceBeforeAnyImageIsBuilt() {
        var test = project("Test");

        assertThat(test.path("Source").path("BuildSpec").asText()).isEqualTo("infra/buildspecs/test.yml");
        assertThat(test.path("Environment").path("Image").asText()).isEqualTo(TestBuild.IMAGE);
        assertThat(test.path("Environment").path("PrivilegedMode").asBoolean()).isFalse();
        assertThat(action("Test").path("InputArtifacts").get(0).path("Name").asText())
                .isEqualTo("Source");
        assertThat(action("Test").has("OutputArtifacts"))
                .as("tests produce nothing to deploy")
                .isFalse();
    }

    @Test
    void testAndSmokeTestRolesCannotTouchImagesOrParameters() {
        for (var stage : List.of("Test", "SmokeTestQA")) {
            assertThat(statementsOfProjectRole(stage).toString()).as(stage).doesNotContain("ecr:", "ssm:", "\"*\"");
        }
    }
}
