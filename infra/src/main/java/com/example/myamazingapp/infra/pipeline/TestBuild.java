package com.example.myamazingapp.infra.pipeline;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codebuild.ComputeType;
import software.amazon.awscdk.services.codebuild.LinuxBuildImage;
import software.amazon.awscdk.services.codepipeline.Artifact;
import software.amazon.awscdk.services.codepipeline.IAction;
import software.amazon.awscdk.services.codepipeline.actions.CodeBuildAction;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/** Stage Test: every test of the repository runs on the source, before any image is built. */
final class TestBuild extends Construct implements PipelineStep {

    static final String BUILDSPEC = "infra/buildspecs/test.yml";

    /** Debian, like the team machines: the test buildspec installs JDK 25, Node and Chromium into it. */
    static final String IMAGE = "public.ecr.aws/docker/library/debian:trixie";

    /**
     * @param key the pipeline's KMS key
     * @param source the checked-out source
     */
    record Props(Key key, Artifact source) {}

    private final IAction action;

    TestBuild(Construct scope, String id, Props props) {
        super(scope, id);
        var project = BuildProject.create(
                this,
                new BuildProject.Props(
                        id,
                        BUILDSPEC,
                        BuildEnvironment.builder()
                                .buildImage(LinuxBuildImage.fromDockerRegistry(IMAGE))
                                .computeType(ComputeType.MEDIUM)
                                .privileged(false)
                                .build(),
                        Duration.minutes(60),
                        props.key(),
                        Map.of()));
        action = CodeBuildAction.Builder.create()
                .actionName(id)
                .project(project)
                .input(props.source())
                .build();
    }

    @Override
    public IAction action() {
        return action;
    }
}
