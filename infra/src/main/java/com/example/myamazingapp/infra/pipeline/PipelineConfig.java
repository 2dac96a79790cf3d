package com.example.myamazingapp.infra.pipeline;

import com.example.myamazingapp.infra.ContextReader;
import java.util.List;
import java.util.regex.Pattern;
import software.constructs.Node;

/**
 * The delivery pipeline's settings: the document's GitHubRepo and GitHubSecret parameters plus the approvers. Read from
 * the cdk.json context object {@code pipeline}; any single field can be overridden on the command line with {@code -c
 * pipeline.<field>=<value>} (e.g. {@code -c pipeline.branch=release}).
 *
 * @param githubOwner the GitHub user or organisation that owns the repository
 * @param githubRepo the repository name
 * @param branch the branch whose pushes start the pipeline
 * @param sourceType how CodePipeline reaches GitHub
 * @param githubTokenSecretName Secrets Manager secret holding the GitHub personal access token (github-webhook only)
 * @param connectionArn an existing CodeStar / CodeConnections connection (codestar-connection only); null there means
 *     the stack creates one, which someone with admin rights on the GitHub organisation completes once in the console
 * @param approverEmails who is asked, through the SNS topic MyAmazingApprovers, to approve a release
 */
public record PipelineConfig(
        String githubOwner,
        String githubRepo,
        String branch,
        SourceType sourceType,
        String githubTokenSecretName,
        String connectionArn,
        List<String> approverEmails) {

    public static final String CONTEXT_KEY = "pipeline";
    public static final String DEFAULT_SECRET_NAME = "myamazingapp/github-token";

    /**
     * The GitHub App way AWS recommends (the default), or the document's way (GitHub action + webhook with GITHUB_HMAC,
     * whose secret is generated for the webhook, not the token).
     */
    public enum SourceType {
        GITHUB_WEBHOOK("github-webhook"),
        CODESTAR_CONNECTION("codestar-connection");

        private final String configValue;

        SourceType(String configValue) {
            this.configValue = configValue;
        }

        public String configValue() {
            return configValue;
        }

        static SourceType parse(String value) {
            for (var type : values()) {
                if (type.configValue.equals(value)) {
                    return type;
                }
            }
            throw invalid("sourceType", value, "must be github-webhook or codestar-connection");
        }
    }

    // GitHub: 1-39 characters for owners, 1-100 for repositories; letters, digits and a few separators.
    private static final Pattern GITHUB_OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern GITHUB_REPO = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,255}");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern CONNECTION_ARN = Pattern.compile(
            "arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection/[A-Za-z0-9-]+");

    public PipelineConfig {
        require("githubOwner", githubOwner, GITHUB_OWNER, "a GitHub user or organisation name");
        require("githubRepo", githubRepo, GITHUB_REPO, "a GitHub repository name");
        require("branch", branch, BRANCH, "a branch name");
        if (sourceType == null) {
            throw invalid("sourceType", null, "must be github-webhook or codestar-connection");
        }
        switch (sourceType) {
            case GITHUB_WEBHOOK -> {
                require("githubTokenSecretName", githubTokenSecretName, SECRET_NAME, "a Secrets Manager secret name");
                if (connectionArn != null) {
                    throw invalid("connectionArn", connectionArn, "is only used with sourceType codestar-connection");
                }
            }
            case CODESTAR_CONNECTION -> {
                if (connectionArn != null) {
                    require(
                            "connectionArn",
                            connectionArn,
                            CONNECTION_ARN,
                            "a connection ARN like arn:aws:codeconnections:eu-west-1:123456789012:connection/<id>");
                }
            }
        }
        if (approverEmails == null || approverEmails.isEmpty()) {
            throw invalid(
                    "approverEmails", null, "needs at least one e-mail address: nobody would be asked to approve");
        }
        for (var email : approverEmails) {
            require("approverEmails", email, ContextReader.EMAIL, "an e-mail address");
        }
        approverEmails = List.copyOf(approverEmails);
    }

    /** Reads the {@code pipeline} context of the app (cdk.json), with {@code pipeline.<field>} overrides. */
    public static PipelineConfig fromContext(Node node) {
        var context = new ContextReader(node, CONTEXT_KEY, PipelineConfig::invalid);
        var sourceType = SourceType.parse(text(context, "sourceType", SourceType.CODESTAR_CONNECTION.configValue()));
        var approverEmails = context.list("approverEmails");
        return new PipelineConfig(
                context.text("githubOwner"),
                context.text("githubRepo"),
                text(context, "branch", "main"),
                sourceType,
                sourceType == SourceType.GITHUB_WEBHOOK
                        ? text(context, "githubTokenSecretName", DEFAULT_SECRET_NAME)
                        : null,
                context.text("connectionArn"),
                approverEmails == null ? List.of() : approverEmails);
    }

    private static String text(ContextReader context, String name, String fallback) {
        var value = context.text(name);
        return value == null ? fallback : value;
    }

    private static void require(String name, String value, Pattern pattern, String what) {
        if (value == null || value.isBlank()) {
            throw invalid(name, value, "is required: " + what);
        }
        if (!pattern.matcher(value).matches()) {
            throw invalid(name, value, "is not " + what);
        }
    }

    private static IllegalArgumentException invalid(String name, Object value, String problem) {
        return new IllegalArgumentException("pipeline configuration: " + CONTEXT_KEY + "." + name
                + (value == null ? "" : " = '" + value + "'") + " " + problem
                + " (set it in infra/cdk.json under \"" + CONTEXT_KEY + "\" or with -c " + CONTEXT_KEY + "." + name
                + "=...)");
    }
}
