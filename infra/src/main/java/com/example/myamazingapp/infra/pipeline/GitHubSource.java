package com.example.myamazingapp.infra.pipeline;

import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.codepipeline.Artifact;
import software.amazon.awscdk.services.codepipeline.IAction;
import software.amazon.awscdk.services.codepipeline.actions.CodeStarConnectionsSourceAction;
import software.amazon.awscdk.services.codepipeline.actions.GitHubSourceAction;
import software.amazon.awscdk.services.codepipeline.actions.GitHubTrigger;
import software.constructs.Construct;

/** Stage Source: every push to the configured GitHub branch starts the pipeline with that commit. */
final class GitHubSource extends Construct implements PipelineStep {

    static final String NAMESPACE = "SourceVariables";

    /** @param config the repository, branch and how CodePipeline reaches GitHub */
    record Props(PipelineConfig config) {}

    private final Artifact output = new Artifact("Source");
    private final IAction action;
    private final String commitId;

    GitHubSource(Construct scope, String id, Props props) {
        super(scope, id);
        var config = props.config();
        switch (config.sourceType()) {
            // The document's way: a personal access token in Secrets Manager, webhook authenticated with GITHUB_HMAC.
            case GITHUB_WEBHOOK -> {
                var github = GitHubSourceAction.Builder.create()
                        .actionName(id)
                        .owner(config.githubOwner())
                        .repo(config.githubRepo())
                        .branch(config.branch())
                        .oauthToken(SecretValue.secretsManager(config.githubTokenSecretName()))
                        .trigger(GitHubTrigger.WEBHOOK)
                        .output(output)
                        .variablesNamespace(NAMESPACE)
                        .build();
                action = github;
                commitId = github.getVariables().getCommitId();
            }
            case CODESTAR_CONNECTION -> {
                var connection = CodeStarConnectionsSourceAction.Builder.create()
                        .actionName(id)
                        .owner(config.githubOwner())
                        .repo(config.githubRepo())
                        .branch(config.branch())
                        .connectionArn(config.connectionArn())
                        .triggerOnPush(true)
                        .output(output)
                        .variablesNamespace(NAMESPACE)
                        .build();
                action = connection;
                commitId = connection.getVariables().getCommitId();
            }
            default -> throw new IllegalArgumentException("unknown source type " + config.sourceType());
        }
    }

    @Override
    public IAction action() {
        return action;
    }

    /** The checked-out source, input of every build. */
    Artifact output() {
        return output;
    }

    /** The commit the run builds, as a pipeline variable. */
    String commitId() {
        return commitId;
    }
}
