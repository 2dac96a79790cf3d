package com.example.myamazingapp.infra.pipeline;

import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.action;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.actionsOn;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.project;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.statementsOfProjectRole;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stages ReleaseQA and ReleaseProd: the first tasks started and the shipped tag recorded, each in its own environment.
 */
class ReleaseTest {

    @Test
    void afterEachDeployAReleaseStepStartsTheFirstTasksAndRecordsTheShippedTag() {
        for (var env : List.of("qa", "prod")) {
            var stage = env.equals("qa") ? "ReleaseQA" : "ReleaseProd";
            var release = project(stage);
            assertThat(release.path("Source").path("BuildSpec").asText())
                    .isEqualTo("infra/buildspecs/record-release.yml");
            assertThat(release.path("Environment").path("PrivilegedMode").asBoolean())
                    .as(stage)
                    .isFalse();
            var variables =
                    release.path("Environment").path("EnvironmentVariables").toString();
            assertThat(variables)
                    .as(stage)
                    .contains(
                            "\"CLUSTER_NAME\"",
                            "\"SERVICE_NAME\"",
                            "\"IMAGE_TAG_PARAMETER\"",
                            "Fixture-" + env + ":",
                            "{\"Name\":\"DESIRED_COUNT\",\"Type\":\"PLAINTEXT\",\"Value\":\""
                                    + (env.equals("qa") ? 1 : 2) + "\"}",
                            "{\"Name\":\"CONTAINER_NAME\",\"Type\":\"PLAINTEXT\",\"Value\":\"web\"}",
                            // A blue/green release is stable only after its bake time (the fixture's prod: 30).
                            "{\"Name\":\"WAIT_MINUTES\",\"Type\":\"PLAINTEXT\",\"Value\":\""
                                    + (env.equals("qa") ? 10 : 30) + "\"}")
                    .doesNotContain(env.equals("qa") ? "Fixture-prod" : "Fixture-qa");
            assertThat(action(stage)
                            .path("Configuration")
                            .path("EnvironmentVariables")
                            .asText())
                    .as(stage)
                    .contains("{\"name\":\"IMAGE_TAG\",\"type\":\"PLAINTEXT\",\"value\":\"#{QAImage.IMAGE_TAG}\"}");
        }
    }

    @Test
    void eachReleaseRoleMayOnlyDescribeAndUpdateItsOwnServiceAndWriteItsOwnImageTag() {
        for (var env : List.of("qa", "prod")) {
            var stage = env.equals("qa") ? "ReleaseQA" : "ReleaseProd";
            var other = env.equals("qa") ? "Fixture-prod" : "Fixture-qa";
            var statements = statementsOfProjectRole(stage);

            assertThat(actionsOn(statements, "Fixture-" + env + ":ExportsOutputRefService"))
                    .as(stage)
                    .containsExactlyInAnyOrder("ecs:DescribeServices", "ecs:UpdateService");
            assertThat(actionsOn(statements, ":parameter/myamazingapp/" + env + "/image-tag\""))
                    .as(stage)
                    .containsExactly("ssm:PutParameter");
            assertThat(statements.toString()).as(stage).doesNotContain(other, "ecr:");
            assertThat(actionsOn(statements, "\"*\""))
                    .as(stage + " on *")
                    .containsExactly("ecs:DescribeTaskDefinition");
            for (var statement : statements) {
                if (statement.path("Action").toString().contains("ecs:")
                        && !statement.path("Action").asText().equals("ecs:DescribeTaskDefinition")) {
                    assertThat(statement.path("Resource").toString())
                            .as(stage + " ECS resource")
                            .contains("Fixture-" + env + ":ExportsOutputRefService")
                            .doesNotContain("*");
                }
            }
        }
    }
}
