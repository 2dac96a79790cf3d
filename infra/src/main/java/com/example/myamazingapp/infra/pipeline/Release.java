package com.example.myamazingapp.infra.pipeline;

import com.example.myamazingapp.infra.DeployTarget;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.codepipeline.Artifact;
import software.amazon.awscdk.services.codepipeline.IAction;
import software.amazon.awscdk.services.codepipeline.actions.CodeBuildAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * Stages ReleaseQA and ReleaseProd, after an environment's ECS deploy (record-release.sh): starts the configured number
 * of tasks on the first release (the deploy action leaves the desired count at the bootstrap 0), waits for the service
 * to be stable and running the shipped image, then writes the shipped tag into the environment's image-tag parameter.
 * Its role may describe and update only that service, describe task definitions and write only that parameter.
 */
final class Release extends Construct implements PipelineStep {

    static final String BUILDSPEC = "infra/buildspecs/record-release.yml";

    /**
     * @param target the environment released to
     * @param key the pipeline's KMS key
     * @param source the checked-out source (the step's scripts)
     * @param imageTag the shipped image's tag, as a pipeline variable
     */
    record Props(DeployTarget target, Key key, Artifact source, String imageTag) {}

    private final IAction action;

    Release(Construct scope, String id, Props props) {
        super(scope, id);
        var target = props.target();
        var service = target.service();
        var project = BuildProject.create(
                this,
                new BuildProject.Props(
                        id,
                        BUILDSPEC,
                        BuildProject.standard(false),
                        // The wait, and time for the first release's update and the checks after it.
                        Duration.minutes(target.releaseWaitMinutes() + 10),
                        props.key(),
                        Map.of(
                                "CLUSTER_NAME", service.getCluster().getClusterName(),
                                "SERVICE_NAME", service.getServiceName(),
                                "DESIRED_COUNT", Integer.toString(target.desiredCount()),
                                "WAIT_MINUTES", Integer.toString(target.releaseWaitMinutes()),
                                "CONTAINER_NAME", target.containerName(),
                                "IMAGE_TAG_PARAMETER",
                                        target.imageTagParameter().getParameterName())));
        project.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("ecs:DescribeServices", "ecs:UpdateService"))
                .resources(List.of(service.getServiceArn()))
                .build());
        // Read-only, to check the service runs the shipped image before recording it; ECS has no resource-level
        // permission for DescribeTaskDefinition, so it can only be granted on "*".
        project.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("ecs:DescribeTaskDefinition"))
                .resources(List.of("*"))
                .build());
        target.imageTagParameter().grantWrite(project);
        action = CodeBuildAction.Builder.create()
                .actionName(id)
                .project(project)
                .input(props.source())
                .environmentVariables(BuildProject.plain(Map.of("IMAGE_TAG", props.imageTag())))
                .build();
    }

    @Override
    public IAction action() {
        return action;
    }
}
