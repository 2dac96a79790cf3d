package com.example.myamazingapp.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.myamazingapp.infra.EnvironmentConfig;
import com.example.myamazingapp.infra.EnvironmentStacks;
import com.example.myamazingapp.infra.InfraApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Template;

/**
 * The pipeline wired to the real qa and prod environments as infra/cdk.json configures them, the way InfraApp wires it.
 * Proves the image-rollback guard end to end: the task definition takes its image tag from the parameter the pipeline
 * writes, so a later {@code cdk deploy} of an environment keeps the shipped image.
 */
class PipelineWiringTest {

    static Map<String, EnvironmentStacks> environments = new HashMap<>();
    static PipelineStack pipeline;
    static JsonNode pipelineJson;

    @BeforeAll
    static void synthesizeTheApp() throws Exception {
        Files.createDirectories(Path.of("target"));
        var app = InfraApp.newApp(Map.of(), Files.createTempDirectory(Path.of("target"), "cdk.out-pipeline-"));
        for (var name : new String[] {"qa", "prod"}) {
            environments.put(name, EnvironmentStacks.create(app, EnvironmentConfig.fromContext(app.getNode(), name)));
        }
        pipeline = PipelineStack.create(
                app,
                environments.get("qa").deployTarget(),
                environments.get("prod").deployTarget());
        Aspects.of(pipeline).add(new AwsSolutionsChecks());
        pipelineJson =
                new ObjectMapper().valueToTree(Template.fromStack(pipeline).toJSON());
    }

    private static JsonNode application(String name) {
        return new ObjectMapper()
                .valueToTree(
                        Template.fromStack(environments.get(name).application()).toJSON());
    }

    private static String policiesOf(String projectStage) {
        var text = new StringBuilder();
        pipelineJson.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::IAM::Policy")
                    && resource.path("Properties").path("Roles").toString().contains(projectStage + "Role")) {
                text.append(resource.path("Properties").path("PolicyDocument"));
            }
        });
        return text.toString();
    }

    @Test
    void theStackIsNamedAndConfiguredFromCdkJson() {
        assertThat(pipeline.getStackName()).isEqualTo("myamazingapp-pipeline");
        var source = pipelineJson.toString();
        // cdk.json's default: a CodeStar connection the stack creates (no connectionArn), no token, no webhook.
        assertThat(source)
                .contains("\"Provider\":\"CodeStarSourceConnection\"", "AWS::CodeStarConnections::Connection")
                .contains("MyAmazingApprovers")
                .doesNotContain("GITHUB_HMAC", "github-token");
    }

    @Test
    void resourcesAreTaggedWithTheProjectExceptTheWebhookWhichCloudFormationCannotTag() {
        // The webhook exists in webhook mode only: the same wiring (PipelineStack.create) with that source.
        var app = new software.amazon.awscdk.App(software.amazon.awscdk.AppProps.builder()
                .context(Map.of(
                        "pipeline",
                        Map.of(
                                "githubOwner", "example-org",
                                "githubRepo", "myamazingapp",
                                "sourceType", "github-webhook",
                                "approverEmails", java.util.List.of("a@example.com"))))
                .build());
        var webhookMode = new ObjectMapper()
                .valueToTree(Template.fromStack(PipelineStack.create(
                                app,
                                EnvironmentFixture.deployTarget(app, "qa"),
                                EnvironmentFixture.deployTarget(app, "prod")))
                        .toJSON());
        var webhooks = 0;
        for (var resource : webhookMode.path("Resources")) {
            switch (resource.path("Type").asText()) {
                // AWS::CodePipeline::Webhook has no Tags property: a template with one fails to deploy (cfn-lint
                // E3002).
                case "AWS::CodePipeline::Webhook" -> {
                    webhooks++;
                    assertThat(resource.path("Properties").has("Tags"))
                            .as("webhook tags")
                            .isFalse();
                }
                case "AWS::S3::Bucket", "AWS::CodeBuild::Project", "AWS::CodePipeline::Pipeline" ->
                    assertThat(resource.path("Properties").path("Tags").toString())
                            .contains("{\"Key\":\"project\",\"Value\":\"myamazingapp\"}");
                default -> {}
            }
        }
        assertThat(webhooks).isEqualTo(1);
    }

    @Test
    void eachEnvironmentsTaskDefinitionResolvesItsImageTagFromTheParameterThePipelineWrites() {
        for (var name : new String[] {"qa", "prod"}) {
            var parameterName = "/myamazingapp/" + name + "/image-tag";
            var template = application(name);

            // The tag is a CloudFormation parameter of type SSM value, resolved at every deploy ...
            var tagParameter = new StringBuilder();
            template.path("Parameters").properties().forEach(entry -> {
                if (entry.getValue().path("Default").asText().equals(parameterName)) {
                    assertThat(entry.getValue().path("Type").asText()).isEqualTo("AWS::SSM::Parameter::Value<String>");
                    tagParameter.append(entry.getKey());
                }
            });
            assertThat(tagParameter).as(name + " image tag parameter").isNotEmpty();
            // ... and the container image is <repository>:<that value>.
            var image = new StringBuilder();
            template.path("Resources").forEach(resource -> {
                if (resource.path("Type").asText().equals("AWS::ECS::TaskDefinition")) {
                    image.append(resource.path("Properties")
                            .path("ContainerDefinitions")
                            .get(0)
                            .path("Image"));
                }
            });
            assertThat(image.toString()).contains("{\"Ref\":\"" + tagParameter + "\"}");
        }
        // The pipeline writes exactly those parameters, each only after its environment's deploy succeeded:
        // ReleaseQA the QA one, ReleaseProd the Prod one; the image builds write none.
        assertThat(policiesOf("ReleaseQA"))
                .contains("ssm:PutParameter", parameterArn("qa"))
                .doesNotContain(parameterArn("prod"));
        assertThat(policiesOf("ReleaseProd"))
                .contains("ssm:PutParameter", parameterArn("prod"))
                .doesNotContain(parameterArn("qa"));
        assertThat(policiesOf("BuildImageQA") + policiesOf("PromoteImageProd")).doesNotContain("ssm:");
    }

    @Test
    void theReleaseStepsStartTheConfiguredCountOfTheRealServicesFromCdkJson() {
        for (var name : new String[] {"qa", "prod"}) {
            var stage = name.equals("qa") ? "ReleaseQA" : "ReleaseProd";
            var configured = environments.get(name).config().service().desiredCount();
            var project = new StringBuilder();
            pipelineJson.path("Resources").forEach(resource -> {
                if (resource.path("Type").asText().equals("AWS::CodeBuild::Project")
                        && resource.path("Properties").path("Name").asText().equals("myamazingapp-" + stage)) {
                    project.append(
                            resource.path("Properties").path("Environment").path("EnvironmentVariables"));
                }
            });
            assertThat(project.toString())
                    .as(stage)
                    .contains("{\"Name\":\"DESIRED_COUNT\",\"Type\":\"PLAINTEXT\",\"Value\":\"" + configured + "\"}")
                    .contains("myamazingapp-" + name + ":ExportsOutputRefservice");
            assertThat(policiesOf(stage))
                    .contains("ecs:UpdateService", "myamazingapp-" + name + ":ExportsOutputRefservice");
        }
        assertThat(environments.get("prod").config().service().desiredCount()).isEqualTo(2);
    }

    /** How the pipeline stack refers to the environment's image-tag parameter: its ARN, built from its name. */
    private static String parameterArn(String name) {
        return ":parameter/myamazingapp/" + name + "/image-tag\"";
    }

    @Test
    void imagedefinitionsNameTheContainerOfTheTaskDefinitionAndFailedDeploysRollBack() {
        for (var name : new String[] {"qa", "prod"}) {
            var checked = new HashSet<String>();
            application(name).path("Resources").forEach(resource -> {
                checked.add(resource.path("Type").asText());
                switch (resource.path("Type").asText()) {
                    // The deploy action replaces the image of the container named in imagedefinitions.json.
                    case "AWS::ECS::TaskDefinition" ->
                        assertThat(resource.path("Properties")
                                        .path("ContainerDefinitions")
                                        .get(0)
                                        .path("Name")
                                        .asText())
                                .as(name)
                                .isEqualTo("web");
                    // DeployQA/DeployProd rely on the circuit breaker to roll a failing deployment back.
                    case "AWS::ECS::Service" ->
                        assertThat(resource.path("Properties")
                                        .path("DeploymentConfiguration")
                                        .path("DeploymentCircuitBreaker")
                                        .toString())
                                .as(name)
                                .isEqualTo("{\"Enable\":true,\"Rollback\":true}");
                    default -> {}
                }
            });
            assertThat(checked).contains("AWS::ECS::TaskDefinition", "AWS::ECS::Service");
            assertThat(environments.get(name).deployTarget().containerName()).isEqualTo("web");
        }
        assertThat(pipelineJson.toString())
                .contains("{\"Name\":\"CONTAINER_NAME\",\"Type\":\"PLAINTEXT\",\"Value\":\"web\"}");
    }

    @Test
    void deployActionsTargetTheRealServicesAndApprovalShowsTheQaUrl() {
        var text = pipelineJson.toString();
        assertThat(text).contains("myamazingapp-qa:", "myamazingapp-prod:");
        assertThat(text).contains("https://qa.myamazingapp.example.com");
    }

    @Test
    void theRealWiringHasNoUnsuppressedCdkNagFindings() {
        assertThat(PipelineNagTest.unsuppressedFindings(pipeline)).isEmpty();
    }

    @Test
    void qaAndProdInDifferentAccountsAreRefusedWithAClearError() throws Exception {
        var app = InfraApp.newApp(
                Map.of(
                        "environments.qa.account",
                        "111111111111",
                        "environments.qa.region",
                        "eu-west-1",
                        "environments.prod.account",
                        "222222222222",
                        "environments.prod.region",
                        "eu-west-1"),
                Files.createTempDirectory(Path.of("target"), "cdk.out-pipeline-"));
        var qa = EnvironmentStacks.create(app, EnvironmentConfig.fromContext(app.getNode(), "qa"));
        var prod = EnvironmentStacks.create(app, EnvironmentConfig.fromContext(app.getNode(), "prod"));

        assertThatThrownBy(() -> PipelineStack.create(app, qa.deployTarget(), prod.deployTarget()))
                .hasMessageContaining("one account and region")
                .hasMessageContaining("111111111111/eu-west-1")
                .hasMessageContaining("222222222222/eu-west-1");
    }
}
