package com.example.myamazingapp.infra.pipeline;

import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.action;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.pipeline;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.pipelineStack;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.infra.pipeline.PipelineConfig.SourceType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Stage Source: the GitHub repository, by webhook or by connection. */
class GitHubSourceTest {

    @Test
    void sourceIsTheGitHubRepositoryWithTheTokenFromSecretsManagerNeverInTheTemplate() {
        var configuration = action("Source").path("Configuration");

        assertThat(configuration.path("Owner").asText()).isEqualTo("example-org");
        assertThat(configuration.path("Repo").asText()).isEqualTo("myamazingapp");
        assertThat(configuration.path("Branch").asText()).isEqualTo("main");
        assertThat(configuration.path("PollForSourceChanges").asBoolean(true)).isFalse();
        assertThat(configuration.path("OAuthToken").asText())
                .isEqualTo("{{resolve:secretsmanager:myamazingapp/github-token:SecretString:::}}");
        assertThat(action("Source").path("Namespace").asText()).isEqualTo("SourceVariables");
    }

    @Test
    void theWebhookAuthenticatesWithGithubHmacAndASecretGeneratedForItNotTheToken() {
        var secrets = template.findResources(
                "AWS::SecretsManager::Secret",
                Match.objectLike(Map.of(
                        "Properties",
                        Match.objectLike(Map.of(
                                "GenerateSecretString", Map.of("ExcludePunctuation", true, "PasswordLength", 40))))));
        assertThat(secrets).hasSize(1);
        var secret = secrets.keySet().iterator().next();
        template.resourceCountIs("AWS::CodePipeline::Webhook", 1);
        template.hasResourceProperties(
                "AWS::CodePipeline::Webhook",
                Map.of(
                        "Authentication",
                        "GITHUB_HMAC",
                        "AuthenticationConfiguration",
                        Map.of(
                                "SecretToken",
                                Map.of(
                                        "Fn::Join",
                                        List.of(
                                                "",
                                                List.of(
                                                        "{{resolve:secretsmanager:",
                                                        Map.of("Ref", secret),
                                                        ":SecretString:::}}")))),
                        "Filters",
                        List.of(Map.of("JsonPath", "$.ref", "MatchEquals", "refs/heads/{Branch}")),
                        "RegisterWithThirdParty",
                        true,
                        "TargetAction",
                        "Source"));
    }

    @Test
    void withoutAConnectionArnTheStackCreatesTheGitHubConnectionAndUsesIt() {
        var config = new PipelineConfig(
                "example-org",
                "myamazingapp",
                "main",
                SourceType.CODESTAR_CONNECTION,
                null,
                null,
                List.of("a@example.com"));
        var created = Template.fromStack(pipelineStack(new App(), config));
        JsonNode tree = new ObjectMapper().valueToTree(created.toJSON());

        var connections = created.findResources(
                "AWS::CodeStarConnections::Connection",
                Match.objectLike(Map.of(
                        "Properties", Map.of("ConnectionName", "myamazingapp-github", "ProviderType", "GitHub"))));
        assertThat(connections).hasSize(1);
        created.resourceCountIs("AWS::CodePipeline::Webhook", 0);
        var source = pipeline(tree).path("Stages").get(0).path("Actions").get(0);
        assertThat(source.path("ActionTypeId").path("Provider").asText()).isEqualTo("CodeStarSourceConnection");
        assertThat(source.path("Configuration").path("ConnectionArn").toString())
                .contains(connections.keySet().iterator().next(), "ConnectionArn");
        assertThat(tree.toString()).doesNotContain("secretsmanager");
    }

    @Test
    void aCodestarConnectionReplacesTokenAndWebhookWhenConfigured() {
        var config = new PipelineConfig(
                "example-org",
                "myamazingapp",
                "main",
                SourceType.CODESTAR_CONNECTION,
                null,
                PipelineConfigTest.CONNECTION_ARN,
                List.of("a@example.com"));
        var connection = Template.fromStack(pipelineStack(new App(), config));
        JsonNode tree = new ObjectMapper().valueToTree(connection.toJSON());

        connection.resourceCountIs("AWS::CodePipeline::Webhook", 0);
        var source = pipeline(tree).path("Stages").get(0).path("Actions").get(0);
        assertThat(source.path("ActionTypeId").path("Provider").asText()).isEqualTo("CodeStarSourceConnection");
        assertThat(source.path("Configuration").path("ConnectionArn").asText())
                .isEqualTo(PipelineConfigTest.CONNECTION_ARN);
        assertThat(source.path("Configuration").path("FullRepositoryId").asText())
                .isEqualTo("example-org/myamazingapp");
        assertThat(source.path("Configuration").path("BranchName").asText()).isEqualTo("main");
        assertThat(tree.toString()).doesNotContain("secretsmanager");
        connection.hasResourceProperties(
                "AWS::IAM::Policy",
                Match.objectLike(Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Action",
                                        "codestar-connections:UseConnection",
                                        "Resource",
                                        PipelineConfigTest.CONNECTION_ARN))))))));
    }
}
