package com.example.myamazingapp.infra.pipeline;

import com.example.myamazingapp.infra.DeployTarget;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.codepipeline.Artifact;
import software.amazon.awscdk.services.codepipeline.IAction;
import software.amazon.awscdk.services.codepipeline.actions.CodeBuildAction;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * Stage BuildImageQA: builds the image from the source and pushes it to the QA repository, the only one it may push to.
 * Exports the image's tag and digest (namespace {@value #NAMESPACE}) and the QA image definitions.
 */
final class QaImageBuild extends Construct implements PipelineStep {

    static final String BUILDSPEC = "infra/buildspecs/build-image.yml";
    static final String NAMESPACE = "QAImage";
    /** The platform of the image: the tasks run on Graviton (ARM64). */
    static final String IMAGE_PLATFORM = "linux/arm64";

    /**
     * @param key the pipeline's KMS key
     * @param source the checked-out source
     * @param qa the environment whose repository receives the image
     */
    record Props(Key key, Artifact source, DeployTarget qa) {}

    private final Artifact imageDefinitions = new Artifact("QAImageDefinitions");
    private final CodeBuildAction action;

    QaImageBuild(Construct scope, String id, Props props) {
        super(scope, id);
        var qa = props.qa();
        var project = BuildProject.create(
                this,
                new BuildProject.Props(
                        id,
                        BUILDSPEC,
                        // On Graviton, so the image is arm64 like the tasks (Service); IMAGE_PLATFORM makes it
                        // explicit.
                        BuildProject.arm(true),
                        Duration.minutes(30),
                        props.key(),
                        Map.of(
                                "REPOSITORY_URI", qa.repository().getRepositoryUri(),
                                "CONTAINER_NAME", qa.containerName(),
                                "IMAGE_PLATFORM", IMAGE_PLATFORM)));
        qa.repository().grantPullPush(project);
        qa.repository().grant(project, "ecr:DescribeImages");
        action = CodeBuildAction.Builder.create()
                .actionName(id)
                .project(project)
                .input(props.source())
                .outputs(List.of(imageDefinitions))
                .variablesNamespace(NAMESPACE)
                .build();
    }

    @Override
    public IAction action() {
        return action;
    }

    /** imagedefinitions.json of the QA service: its input to the QA deploy. */
    Artifact imageDefinitions() {
        return imageDefinitions;
    }

    /** The tag of the built image, as a pipeline variable. */
    String imageTag() {
        return action.variable("IMAGE_TAG");
    }

    /** The digest of the built image, as a pipeline variable: what Prod receives. */
    String imageDigest() {
        return action.variable("IMAGE_DIGEST");
    }
}
