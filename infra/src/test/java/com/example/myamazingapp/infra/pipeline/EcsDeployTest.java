package com.example.myamazingapp.infra.pipeline;

import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.action;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.actionsOn;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.json;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.logicalId;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.pipeline;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.statementsOfRole;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stages DeployQA and DeployProd: each refreshes its own service with a role limited to it. */
class EcsDeployTest {

    @Test
    void deployActionsRefreshTheQaAndProdServices() {
        var qa = action("DeployQA").path("Configuration");
        var prod = action("DeployProd").path("Configuration");

        assertThat(qa.path("ClusterName").toString()).contains("Fixture-qa:");
        assertThat(qa.path("ServiceName").toString()).contains("Fixture-qa:");
        assertThat(prod.path("ClusterName").toString()).contains("Fixture-prod:");
        assertThat(prod.path("ServiceName").toString()).contains("Fixture-prod:");
        assertThat(qa.path("DeploymentTimeout").asInt()).isEqualTo(30);
    }

    @Test
    void eachEcsDeployActionHasItsOwnRoleLimitedToItsEnvironmentsServiceAndTaskRoles() {
        for (var env : List.of("qa", "prod")) {
            var stage = env.equals("qa") ? "DeployQA" : "DeployProd";
            var other = env.equals("qa") ? "Fixture-prod" : "Fixture-qa";
            var role = logicalId(action(stage).path("RoleArn"));
            var statements = statementsOfRole(role);

            assertThat(actionsOn(statements, "Fixture-" + env + ":ExportsOutputRefService"))
                    .as(stage)
                    .containsExactlyInAnyOrder("ecs:UpdateService", "ecs:DescribeServices");
            for (var statement : statements) {
                var actions = statement.path("Action").toString();
                var resource = statement.path("Resource").toString();
                if (resource.equals("\"*\"")) {
                    // Only what ECS cannot scope by resource; ListTasks is held to the cluster by condition.
                    assertThat(actions)
                            .as(stage + " on *")
                            .isIn(
                                    "[\"ecs:RegisterTaskDefinition\",\"ecs:DescribeTaskDefinition\"]",
                                    "\"ecs:ListTasks\"");
                    if (actions.contains("ListTasks")) {
                        assertThat(statement
                                        .path("Condition")
                                        .path("ArnEquals")
                                        .path("ecs:cluster")
                                        .toString())
                                .contains("Fixture-" + env + ":ExportsOutputFnGetAttCluster");
                    }
                }
                if (actions.contains("iam:PassRole")) {
                    assertThat(statement.path("Resource"))
                            .as(stage + " PassRole")
                            .hasSize(2);
                    assertThat(resource)
                            .contains(
                                    "Fixture-" + env + ":ExportsOutputFnGetAttTaskTaskRole",
                                    "Fixture-" + env + ":ExportsOutputFnGetAttTaskExecutionRole")
                            .doesNotContain("*");
                    assertThat(statement.path("Condition").toString()).contains("ecs-tasks.amazonaws.com");
                }
                if (actions.contains("ecs:DescribeTasks")) {
                    assertThat(resource).contains(":task/", "Fixture-" + env + ":ExportsOutputRefCluster");
                }
                if (actions.contains("ecs:TagResource")) {
                    assertThat(resource).contains(":task-definition/myamazingapp-" + env + ":*");
                }
                if (actions.contains("s3:")) {
                    assertThat(actions)
                            .as(stage + " reads its input artifact only")
                            .doesNotContain("Put", "Delete");
                }
            }
            assertThat(statements.toString()).as(stage).doesNotContain(other, "ssm:", "ecr:");
            assertThat(statements.stream().map(s -> s.path("Action").toString()).toList())
                    .as(stage + ": no grant CDK's EcsDeployAction would have added")
                    .noneMatch(a -> a.contains("ecs:UpdateService") && a.contains("ecs:RegisterTaskDefinition"));

            var trust = json.path("Resources")
                    .path(role)
                    .path("Properties")
                    .path("AssumeRolePolicyDocument")
                    .toString();
            assertThat(trust).as(stage + " trust").contains("PipelineExecutionRole");
            var pipelineRole = statementsOfRole(logicalId(pipeline(json).path("RoleArn")));
            assertThat(actionsOn(pipelineRole, "\"" + role + "\""))
                    .as("the pipeline may assume " + stage + "'s role")
                    .contains("sts:AssumeRole");
        }
    }
}
