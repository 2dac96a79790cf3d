package com.example.myamazingapp.infra.pipeline;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.codepipeline.Artifact;
import software.amazon.awscdk.services.codepipeline.CfnWebhook;
import software.amazon.awscdk.services.codepipeline.IAction;
import software.amazon.awscdk.services.codepipeline.Pipeline;
import software.amazon.awscdk.services.codepipeline.actions.CodeStarConnectionsSourceAction;
import software.amazon.awscdk.services.codepipeline.actions.GitHubSourceAction;
import software.amazon.awscdk.services.codepipeline.actions.GitHubTrigger;
import software.amazon.awscdk.services.codestarconnections.CfnConnection;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Stage Source: every push to the configured GitHub branch starts the pipeline with that commit. By default through a
 * CodeStar (CodeConnections) connection, the GitHub App way: the configured one, or one this stack creates (pending
 * until completed once in the console). The document's webhook remains an option: the GitHub (version 1) action with
 * the token from Secrets Manager, and a webhook authenticated with GITHUB_HMAC by a secret generated for it alone.
 */
final class GitHubSource extends Construct implements PipelineStep {

    static final String NAMESPACE = "SourceVariables";
    static final String CONNECTION_NAME = "myamazingapp-github";

    /** @param config the repository, branch and how CodePipeline reaches GitHub */
    record Props(PipelineConfig config) {}

    private final Artifact output = new Artifact("Source");
    private final IAction action;
    private final String commitId;
    private Secret webhookSecret;

    GitHubSource(Construct scope, String id, Props props) {
        super(scope, id);
        var config = props.config();
        switch (config.sourceType()) {
            case GITHUB_WEBHOOK -> {
                var github = GitHubSourceAction.Builder.create()
                        .actionName(id)
                        .owner(config.githubOwner())
                        .repo(config.githubRepo())
                        .branch(config.branch())
                        .oauthToken(SecretValue.secretsManager(config.githubTokenSecretName()))
                        // The webhook is ours (addWebhook): CDK's would use the token as its HMAC secret.
                        .trigger(GitHubTrigger.NONE)
                        .output(output)
                        .variablesNamespace(NAMESPACE)
                        .build();
                action = github;
                commitId = github.getVariables().getCommitId();
                webhookSecret = Secret.Builder.create(this, "WebhookSecret")
                        .description("myamazingapp pipeline: the GitHub webhook's HMAC secret (not the GitHub token)")
                        .generateSecretString(SecretStringGenerator.builder()
                                .passwordLength(40)
                                .excludePunctuation(true)
                                .build())
                        .build();
                NagSuppressions.addResourceSuppressions(
                        webhookSecret,
                        List.of(NagPackSuppression.builder()
                                .id("AwsSolutions-SMG4")
                                .reason(
                                        "The webhook secret is also stored in GitHub's webhook settings, which CodePipeline "
                                                + "writes when it registers the webhook: rotating it means a new value and a "
                                                + "redeploy that registers the webhook again (docs/deploy.md).")
                                .build()));
            }
            case CODESTAR_CONNECTION -> {
                var connectionArn = config.connectionArn() != null
                        ? config.connectionArn()
                        : CfnConnection.Builder.create(this, "Connection")
                                .connectionName(CONNECTION_NAME)
                                .providerType("GitHub")
                                .build()
                                .getAttrConnectionArn();
                var connection = CodeStarConnectionsSourceAction.Builder.create()
                        .actionName(id)
                        .owner(config.githubOwner())
                        .repo(config.githubRepo())
                        .branch(config.branch())
                        .connectionArn(connectionArn)
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

    /**
     * Webhook mode only: the webhook CodePipeline registers in the GitHub repository (with the token's admin:repo_hook
     * scope), authenticated with GITHUB_HMAC by the generated webhook secret, and filtered to the configured branch.
     */
    void addWebhook(Pipeline pipeline) {
        if (webhookSecret == null) {
            return;
        }
        CfnWebhook.Builder.create(this, "Webhook")
                .authentication("GITHUB_HMAC")
                .authenticationConfiguration(CfnWebhook.WebhookAuthConfigurationProperty.builder()
                        .secretToken(webhookSecret.getSecretValue().unsafeUnwrap())
                        .build())
                .filters(List.of(CfnWebhook.WebhookFilterRuleProperty.builder()
                        .jsonPath("$.ref")
                        .matchEquals("refs/heads/{Branch}")
                        .build()))
                .targetPipeline(pipeline.getPipelineName())
                .targetAction(action.getActionProperties().getActionName())
                .targetPipelineVersion(1)
                .registerWithThirdParty(true)
                .build();
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
