package com.example.myamazingapp.infra.pipeline;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.codepipeline.Artifact;
import software.amazon.awscdk.services.codepipeline.IAction;
import software.amazon.awscdk.services.codepipeline.actions.CodeBuildAction;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/** Stage SmokeTestQA: QA answers at its public address and runs the commit the pipeline built. */
final class QaSmokeTest extends Construct implements PipelineStep {

    static final String BUILDSPEC = "infra/buildspecs/smoke-test.yml";

    /**
     * @param key the pipeline's KMS key
     * @param source the checked-out source (the step's scripts)
     * @param qaUrl the public address of QA
     * @param commitId the commit QA must run, as a pipeline variable
     */
    record Props(Key key, Artifact source, String qaUrl, String commitId) {}

    private final IAction action;

    QaSmokeTest(Construct scope, String id, Props props) {
        super(scope, id);
        var project = BuildProject.create(
                this,
                new BuildProject.Props(
                        id,
                        BUILDSPEC,
                        BuildProject.standard(false),
                        Duration.minutes(15),
                        props.key(),
                        Map.of("BASE_URL", props.qaUrl())));
        action = CodeBuildAction.Builder.create()
                .actionName(id)
                .project(project)
                .input(props.source())
                .environmentVariables(BuildProject.plain(Map.of("EXPECTED_COMMIT", props.commitId())))
                .build();
    }

    @Override
    public IAction action() {
        return action;
    }
}
