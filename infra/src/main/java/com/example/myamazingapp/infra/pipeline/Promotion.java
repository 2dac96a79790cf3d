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
 * Stage PromoteImageProd: copies the very image QA ran and the approvers approved, by digest, from the QA repository
 * into Prod's (never rebuilt). The only step that may push to Prod's repository; it only reads QA's.
 */
final class Promotion extends Construct implements PipelineStep {

    static final String BUILDSPEC = "infra/buildspecs/promote-image.yml";

    /**
     * @param key the pipeline's KMS key
     * @param source the checked-out source (the step's scripts)
     * @param qa the environment the image comes from
     * @param prod the environment it goes to
     * @param imageTag the tag of the QA image, as a pipeline variable
     * @param imageDigest its digest, as a pipeline variable
     */
    record Props(Key key, Artifact source, DeployTarget qa, DeployTarget prod, String imageTag, String imageDigest) {}

    private final Artifact imageDefinitions = new Artifact("ProdImageDefinitions");
    private final IAction action;

    Promotion(Construct scope, String id, Props props) {
        super(scope, id);
        var qa = props.qa();
        var prod = props.prod();
        var project = BuildProject.create(
                this,
                new BuildProject.Props(
                        id,
                        BUILDSPEC,
                        BuildProject.standard(true),
                        Duration.minutes(30),
                        props.key(),
                        Map.of(
                                "SOURCE_REPOSITORY_URI", qa.repository().getRepositoryUri(),
                                "REPOSITORY_URI", prod.repository().getRepositoryUri(),
                                "CONTAINER_NAME", prod.containerName(),
                                "SCAN_BLOCK_SEVERITY", prod.scanBlockSeverity())));
        qa.repository().grantPull(project);
        // check-image-scan.sh: the approved image's scan findings, before anything is copied.
        qa.repository().grant(project, "ecr:DescribeImages", "ecr:DescribeImageScanFindings");
        prod.repository().grantPullPush(project);
        prod.repository().grant(project, "ecr:DescribeImages");
        action = CodeBuildAction.Builder.create()
                .actionName(id)
                .project(project)
                .input(props.source())
                .outputs(List.of(imageDefinitions))
                .environmentVariables(
                        BuildProject.plain(Map.of("IMAGE_TAG", props.imageTag(), "IMAGE_DIGEST", props.imageDigest())))
                .build();
    }

    @Override
    public IAction action() {
        return action;
    }

    /** imagedefinitions.json of the Prod service: its input to the Prod deploy. */
    Artifact imageDefinitions() {
        return imageDefinitions;
    }
}
