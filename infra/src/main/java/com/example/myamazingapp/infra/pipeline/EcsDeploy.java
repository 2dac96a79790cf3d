package com.example.myamazingapp.infra.pipeline;

import com.example.myamazingapp.infra.DeployTarget;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.codepipeline.Artifact;
import software.amazon.awscdk.services.codepipeline.IAction;
import software.amazon.awscdk.services.codepipeline.actions.EcsDeployAction;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * Stages DeployQA and DeployProd: CodePipeline's ECS deploy action gives the environment's service a new task
 * definition revision with the image of the input's imagedefinitions.json.
 *
 * <p>The action's role is ours instead of the one CDK would make (UpdateService on every service of the account,
 * PassRole on any role). Used through withoutPolicyUpdates(), so EcsDeployAction's own grants are dropped and only
 * these remain: update and describe this environment's service; register and describe task definitions on "*" (ECS has
 * no resource-level permission for them); list tasks, limited to the environment's cluster by condition; describe the
 * tasks of that cluster; tag only task definitions of the service's family (the new revision is registered with the old
 * one's tags); pass only the task's two roles; read the input artifact.
 */
final class EcsDeploy extends Construct implements PipelineStep {

    /**
     * @param target the environment to deploy to
     * @param input the image definitions to deploy
     * @param artifacts the pipeline's artifacts bucket, read for the input
     * @param pipelineRole the pipeline's role, the only one that may assume the action's role
     */
    record Props(DeployTarget target, Artifact input, IBucket artifacts, IRole pipelineRole) {}

    private final IAction action;

    EcsDeploy(Construct scope, String id, Props props) {
        super(scope, id);
        action = EcsDeployAction.Builder.create()
                .actionName(id)
                .service(props.target().service())
                .role(role(id, props))
                .input(props.input())
                .deploymentTimeout(Duration.minutes(30))
                .build();
    }

    @Override
    public IAction action() {
        return action;
    }

    private IRole role(String name, Props props) {
        var target = props.target();
        var service = target.service();
        var cluster = service.getCluster();
        var task = target.taskDefinition();
        var stack = Stack.of(this);
        var role = Role.Builder.create(this, name + "Role")
                .assumedBy(new ArnPrincipal(props.pipelineRole().getRoleArn()))
                .description("ECS deploy action " + name + " of MyAmazingPipeline: only the " + target.environmentName()
                        + " service")
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("ThisServiceOnly")
                .actions(List.of("ecs:UpdateService", "ecs:DescribeServices"))
                .resources(List.of(service.getServiceArn()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("NoResourceLevelPermissions")
                .actions(List.of("ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition"))
                .resources(List.of("*"))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("ListTasksOfThisCluster")
                .actions(List.of("ecs:ListTasks"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnEquals", Map.of("ecs:cluster", cluster.getClusterArn())))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("TasksOfThisCluster")
                .actions(List.of("ecs:DescribeTasks"))
                .resources(List.of(stack.formatArn(ArnComponents.builder()
                        .service("ecs")
                        .resource("task")
                        .resourceName(cluster.getClusterName() + "/*")
                        .build())))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("TagThisFamilysRevisions")
                .actions(List.of("ecs:TagResource"))
                .resources(List.of(stack.formatArn(ArnComponents.builder()
                        .service("ecs")
                        .resource("task-definition")
                        .resourceName(task.getFamily() + ":*")
                        .build())))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("PassThisTasksRoles")
                .actions(List.of("iam:PassRole"))
                .resources(List.of(
                        task.getTaskRole().getRoleArn(),
                        task.obtainExecutionRole().getRoleArn()))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")))
                .build());
        // The input artifact (imagedefinitions.json): CDK's read grant on the artifacts bucket and its key, no write.
        props.artifacts().grantRead(role);
        return role.withoutPolicyUpdates();
    }
}
