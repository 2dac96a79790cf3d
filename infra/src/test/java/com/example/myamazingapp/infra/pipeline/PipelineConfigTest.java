package com.example.myamazingapp.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.myamazingapp.infra.pipeline.PipelineConfig.SourceType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class PipelineConfigTest {

    static PipelineConfig webhookConfig() {
        return new PipelineConfig(
                "example-org",
                "myamazingapp",
                "main",
                SourceType.GITHUB_WEBHOOK,
                PipelineConfig.DEFAULT_SECRET_NAME,
                null,
                List.of("release-approvers@myamazingapp.example.com"));
    }

    static final String CONNECTION_ARN =
            "arn:aws:codeconnections:eu-west-1:123456789012:connection/0123abcd-4567-89ef-0123-456789abcdef";

    private static PipelineConfig fromContext(Map<String, Object> context) {
        return PipelineConfig.fromContext(
                new App(AppProps.builder().context(context).build()).getNode());
    }

    private static Map<String, Object> section(Object... keyValues) {
        var map = new HashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void readsThePipelineSectionWithACodestarConnectionByDefault() {
        var config = fromContext(Map.of(
                "pipeline",
                section(
                        "githubOwner", "example-org",
                        "githubRepo", "myamazingapp",
                        "approverEmails", List.of("a@example.com", "b@example.com"))));

        assertThat(config)
                .isEqualTo(new PipelineConfig(
                        "example-org",
                        "myamazingapp",
                        "main",
                        SourceType.CODESTAR_CONNECTION,
                        null,
                        null,
                        List.of("a@example.com", "b@example.com")));
    }

    @Test
    void commandLineContextOverridesSingleFields() {
        var config = fromContext(Map.of(
                "pipeline",
                        section(
                                "githubOwner",
                                "example-org",
                                "githubRepo",
                                "myamazingapp",
                                "approverEmails",
                                List.of("a@example.com")),
                "pipeline.branch", "release",
                "pipeline.sourceType", "codestar-connection",
                "pipeline.connectionArn", CONNECTION_ARN,
                "pipeline.approverEmails", "x@example.com, y@example.com"));

        assertThat(config.branch()).isEqualTo("release");
        assertThat(config.sourceType()).isEqualTo(SourceType.CODESTAR_CONNECTION);
        assertThat(config.connectionArn()).isEqualTo(CONNECTION_ARN);
        assertThat(config.githubTokenSecretName()).isNull();
        assertThat(config.approverEmails()).containsExactly("x@example.com", "y@example.com");
    }

    @Test
    void missingOwnerIsAClearError() {
        assertThatThrownBy(() -> fromContext(Map.of(
                        "pipeline", section("githubRepo", "myamazingapp", "approverEmails", List.of("a@example.com")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pipeline.githubOwner is required")
                .hasMessageContaining("infra/cdk.json");
    }

    @Test
    void unknownSourceTypeIsRejected() {
        assertThatThrownBy(() -> fromContext(Map.of(
                        "pipeline",
                        section(
                                "githubOwner",
                                "example-org",
                                "githubRepo",
                                "myamazingapp",
                                "sourceType",
                                "gitlab",
                                "approverEmails",
                                List.of("a@example.com")))))
                .hasMessageContaining("pipeline.sourceType = 'gitlab' must be github-webhook or codestar-connection");
    }

    @Test
    void aCodestarConnectionArnMustBeOneAndMayBeLeftOutForTheStackToCreateIt() {
        assertThat(new PipelineConfig(
                                "example-org",
                                "myamazingapp",
                                "main",
                                SourceType.CODESTAR_CONNECTION,
                                null,
                                null,
                                List.of("a@example.com"))
                        .connectionArn())
                .isNull();
        assertThatThrownBy(() -> new PipelineConfig(
                        "example-org",
                        "myamazingapp",
                        "main",
                        SourceType.CODESTAR_CONNECTION,
                        null,
                        "arn:aws:s3:::not-a-connection",
                        List.of("a@example.com")))
                .hasMessageContaining(
                        "pipeline.connectionArn = 'arn:aws:s3:::not-a-connection' is not a connection ARN");
    }

    @Test
    void aConnectionArnWithTheWebhookSourceIsAMistakeNotIgnored() {
        assertThatThrownBy(() -> new PipelineConfig(
                        "example-org",
                        "myamazingapp",
                        "main",
                        SourceType.GITHUB_WEBHOOK,
                        "myamazingapp/github-token",
                        CONNECTION_ARN,
                        List.of("a@example.com")))
                .hasMessageContaining("only used with sourceType codestar-connection");
    }

    @Test
    void approversAreRequiredAndMustBeEmailAddresses() {
        assertThatThrownBy(() -> new PipelineConfig(
                        "example-org",
                        "myamazingapp",
                        "main",
                        SourceType.GITHUB_WEBHOOK,
                        "myamazingapp/github-token",
                        null,
                        List.of()))
                .hasMessageContaining("pipeline.approverEmails needs at least one e-mail address");
        assertThatThrownBy(() -> new PipelineConfig(
                        "example-org",
                        "myamazingapp",
                        "main",
                        SourceType.GITHUB_WEBHOOK,
                        "myamazingapp/github-token",
                        null,
                        List.of("ops-team")))
                .hasMessageContaining("pipeline.approverEmails = 'ops-team' is not an e-mail address");
    }

    @Test
    void ownerRepoAndBranchMustBeGitHubNames() {
        assertThatThrownBy(() -> new PipelineConfig(
                        "example org",
                        "myamazingapp",
                        "main",
                        SourceType.GITHUB_WEBHOOK,
                        "myamazingapp/github-token",
                        null,
                        List.of("a@example.com")))
                .hasMessageContaining("pipeline.githubOwner = 'example org' is not a GitHub user or organisation name");
        assertThatThrownBy(() -> new PipelineConfig(
                        "example-org",
                        "my amazing app",
                        "main",
                        SourceType.GITHUB_WEBHOOK,
                        "myamazingapp/github-token",
                        null,
                        List.of("a@example.com")))
                .hasMessageContaining("pipeline.githubRepo");
        assertThatThrownBy(() -> new PipelineConfig(
                        "example-org",
                        "myamazingapp",
                        "main; rm -rf /",
                        SourceType.GITHUB_WEBHOOK,
                        "myamazingapp/github-token",
                        null,
                        List.of("a@example.com")))
                .hasMessageContaining("pipeline.branch");
    }

    @Test
    void pipelineSectionMustBeAnObject() {
        assertThatThrownBy(() -> fromContext(Map.of("pipeline", "example-org/myamazingapp")))
                .hasMessageContaining("context 'pipeline' must be an object");
    }
}
