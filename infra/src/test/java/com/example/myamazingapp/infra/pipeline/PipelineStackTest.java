package com.example.myamazingapp.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.infra.pipeline.PipelineConfig.SourceType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The synthesized pipeline, checked line by line against the document's "CodePipeline Instance". */
class PipelineStackTest {

    static PipelineStack pipelineStack(App app, PipelineConfig config) {
        var qa = EnvironmentFixture.deployTarget(app, "qa");
        var prod = EnvironmentFixture.deployTarget(app, "prod");
        return new PipelineStack(app, "Pipeline", StackProps.builder().build(), config, qa, prod);
    }

    static Template template;
    static JsonNode json;

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(pipelineStack(new App(), PipelineConfigTest.webhookConfig()));
        json = new ObjectMapper().valueToTree(template.toJSON());
    }

    private static JsonNode pipeline(JsonNode template) {
        return resources(template, "AWS::CodePipeline::Pipeline").getFirst().path("Properties");
    }

    private static List<JsonNode> resources(JsonNode template, String type) {
        var found = new ArrayList<JsonNode>();
        template.path("Resources").forEach(r -> {
            if (r.path("Type").asText().equals(type)) {
                found.add(r);
            }
        });
        return found;
    }

    private static JsonNode action(String stage) {
        for (var s : pipeline(json).path("Stages")) {
            if (s.path("Name").asText().equals(stage)) {
                assertThat(s.path("Actions")).as(stage + " has one action").hasSize(1);
                return s.path("Actions").get(0);
            }
        }
        throw new AssertionError("no stage " + stage);
    }

    private static String logicalId(JsonNode ref) {
        return ref.has("Ref")
                ? ref.path("Ref").asText()
                : ref.path("Fn::GetAtt").get(0).asText();
    }

    private static JsonNode project(String stage) {
        return json.path("Resources")
                .path(logicalId(action(stage).path("Configuration").path("ProjectName")))
                .path("Properties");
    }

    /** Every statement of the policies attached to the build project's service role, as "action resource" text. */
    private static List<JsonNode> statementsOfProjectRole(String stage) {
        return statementsOfRole(logicalId(project(stage).path("ServiceRole")));
    }

    /** Every statement of the policies attached to the role with this logical id. */
    private static List<JsonNode> statementsOfRole(String role) {
        var statements = new ArrayList<JsonNode>();
        for (var policy : resources(json, "AWS::IAM::Policy")) {
            if (policy.path("Properties").path("Roles").toString().contains("\"" + role + "\"")) {
                policy.path("Properties")
                        .path("PolicyDocument")
                        .path("Statement")
                        .forEach(statements::add);
            }
        }
        assertThat(statements).as("policies of " + role).isNotEmpty();
        return statements;
    }

    private static List<String> actionsOn(List<JsonNode> statements, String resourceText) {
        var actions = new ArrayList<String>();
        for (var statement : statements) {
            if (statement.path("Resource").toString().contains(resourceText)) {
                var action = statement.path("Action");
                if (action.isArray()) {
                    action.forEach(a -> actions.add(a.asText()));
                } else {
                    actions.add(action.asText());
                }
            }
        }
        return actions;
    }

    @Test
    void stagesRunInTheDocumentsOrderWithTestsSmokeTestAndReleaseStepsAdded() {
        var names = new ArrayList<String>();
        pipeline(json).path("Stages").forEach(s -> names.add(s.path("Name").asText()));

        assertThat(names)
                .containsExactly(
                        "Source",
                        "Test",
                        "BuildImageQA",
                        "DeployQA",
                        "ReleaseQA",
                        "SmokeTestQA",
                        "GetApproval",
                        "PromoteImageProd",
                        "DeployProd",
                        "ReleaseProd");
        assertThat(pipeline(json).path("Name").asText()).isEqualTo("MyAmazingPipeline");
        assertThat(pipeline(json).path("PipelineType").asText()).isEqualTo("V2");
    }

    @Test
    void eachStageUsesTheProviderTheDocumentNames() {
        var providers = Map.of(
                "Source", "Source/ThirdParty/GitHub",
                "Test", "Build/AWS/CodeBuild",
                "BuildImageQA", "Build/AWS/CodeBuild",
                "DeployQA", "Deploy/AWS/ECS",
                "ReleaseQA", "Build/AWS/CodeBuild",
                "SmokeTestQA", "Build/AWS/CodeBuild",
                "GetApproval", "Approval/AWS/Manual",
                "PromoteImageProd", "Build/AWS/CodeBuild",
                "DeployProd", "Deploy/AWS/ECS",
                "ReleaseProd", "Build/AWS/CodeBuild");
        providers.forEach((stage, provider) -> {
            var type = action(stage).path("ActionTypeId");
            assertThat(type.path("Category").asText() + "/" + type.path("Owner").asText() + "/"
                            + type.path("Provider").asText())
                    .as(stage)
                    .isEqualTo(provider);
        });
    }

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
    void githubWebhookAuthenticatesWithGithubHmacAndTheGitHubSecret() {
        template.resourceCountIs("AWS::CodePipeline::Webhook", 1);
        template.hasResourceProperties(
                "AWS::CodePipeline::Webhook",
                Map.of(
                        "Authentication",
                        "GITHUB_HMAC",
                        "AuthenticationConfiguration",
                        Map.of("SecretToken", "{{resolve:secretsmanager:myamazingapp/github-token:SecretString:::}}"),
                        "Filters",
                        List.of(Map.of("JsonPath", "$.ref", "MatchEquals", "refs/heads/{Branch}")),
                        "RegisterWithThirdParty",
                        true,
                        "TargetAction",
                        "Source"));
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

    @Test
    void testsRunInCodeBuildOnTheSourceBeforeAnyImageIsBuilt() {
        var test = project("Test");

        assertThat(test.path("Source").path("BuildSpec").asText()).isEqualTo("infra/buildspecs/test.yml");
        assertThat(test.path("Environment").path("Image").asText()).isEqualTo(PipelineStack.TEST_IMAGE);
        assertThat(test.path("Environment").path("PrivilegedMode").asBoolean()).isFalse();
        assertThat(action("Test").path("InputArtifacts").get(0).path("Name").asText())
                .isEqualTo("Source");
        assertThat(action("Test").has("OutputArtifacts"))
                .as("tests produce nothing to deploy")
                .isFalse();
    }

    @Test
    void imageBuildsRunPrivilegedForDockerWithTheirRepository() {
        var build = project("BuildImageQA");
        var promote = project("PromoteImageProd");

        assertThat(build.path("Environment").path("PrivilegedMode").asBoolean()).isTrue();
        assertThat(promote.path("Environment").path("PrivilegedMode").asBoolean())
                .isTrue();
        assertThat(project("SmokeTestQA")
                        .path("Environment")
                        .path("PrivilegedMode")
                        .asBoolean())
                .isFalse();
        assertThat(build.path("Source").path("BuildSpec").asText()).isEqualTo("infra/buildspecs/build-image.yml");
        assertThat(promote.path("Source").path("BuildSpec").asText()).isEqualTo("infra/buildspecs/promote-image.yml");

        var buildVariables =
                build.path("Environment").path("EnvironmentVariables").toString();
        assertThat(buildVariables)
                .contains(
                        "\"REPOSITORY_URI\"",
                        "Fixture-qa:",
                        "{\"Name\":\"CONTAINER_NAME\",\"Type\":\"PLAINTEXT\",\"Value\":\"web\"}")
                .doesNotContain("Fixture-prod");
        var promoteVariables =
                promote.path("Environment").path("EnvironmentVariables").toString();
        assertThat(promoteVariables).contains("\"SOURCE_REPOSITORY_URI\"", "Fixture-qa:", "Fixture-prod:");
        assertThat(buildVariables + promoteVariables).doesNotContain("IMAGE_TAG_PARAMETER");
    }

    @Test
    void theQaBuildExportsTheImageAndPromotionShipsThatDigest() {
        assertThat(action("BuildImageQA").path("Namespace").asText()).isEqualTo("QAImage");
        assertThat(action("BuildImageQA")
                        .path("OutputArtifacts")
                        .get(0)
                        .path("Name")
                        .asText())
                .isEqualTo("QAImageDefinitions");
        assertThat(action("DeployQA").path("InputArtifacts").get(0).path("Name").asText())
                .isEqualTo("QAImageDefinitions");
        assertThat(action("PromoteImageProd")
                        .path("Configuration")
                        .path("EnvironmentVariables")
                        .asText())
                .contains("{\"name\":\"IMAGE_TAG\",\"type\":\"PLAINTEXT\",\"value\":\"#{QAImage.IMAGE_TAG}\"}")
                .contains("{\"name\":\"IMAGE_DIGEST\",\"type\":\"PLAINTEXT\",\"value\":\"#{QAImage.IMAGE_DIGEST}\"}");
        assertThat(action("DeployProd")
                        .path("InputArtifacts")
                        .get(0)
                        .path("Name")
                        .asText())
                .isEqualTo("ProdImageDefinitions");
    }

    @Test
    void deployActionsRefreshTheQaAndProdServices() {
        var qa = action("DeployQA").path("Configuration");
        var prod = action("DeployProd").path("Configuration");

        assertThat(qa.path("ClusterName").toString()).contains("Fixture-qa:");
        assertThat(qa.path("ServiceName").toString()).contains("Fixture-qa:");
        assertThat(prod.path("ClusterName").toString()).contains("Fixture-prod:");
        assertThat(prod.path("ServiceName").toString()).contains("Fixture-prod:");
        assertThat(qa.path("DeploymentTimeout").asInt()).isEqualTo(30);
    }

    @Test
    void afterEachDeployAReleaseStepStartsTheFirstTasksAndRecordsTheShippedTag() {
        for (var env : List.of("qa", "prod")) {
            var stage = env.equals("qa") ? "ReleaseQA" : "ReleaseProd";
            var release = project(stage);
            assertThat(release.path("Source").path("BuildSpec").asText())
                    .isEqualTo("infra/buildspecs/record-release.yml");
            assertThat(release.path("Environment").path("PrivilegedMode").asBoolean())
                    .as(stage)
                    .isFalse();
            var variables =
                    release.path("Environment").path("EnvironmentVariables").toString();
            assertThat(variables)
                    .as(stage)
                    .contains(
                            "\"CLUSTER_NAME\"",
                            "\"SERVICE_NAME\"",
                            "\"IMAGE_TAG_PARAMETER\"",
                            "Fixture-" + env + ":",
                            "{\"Name\":\"DESIRED_COUNT\",\"Type\":\"PLAINTEXT\",\"Value\":\""
                                    + (env.equals("qa") ? 1 : 2) + "\"}",
                            "{\"Name\":\"CONTAINER_NAME\",\"Type\":\"PLAINTEXT\",\"Value\":\"web\"}")
                    .doesNotContain(env.equals("qa") ? "Fixture-prod" : "Fixture-qa");
            assertThat(action(stage)
                            .path("Configuration")
                            .path("EnvironmentVariables")
                            .asText())
                    .as(stage)
                    .contains("{\"name\":\"IMAGE_TAG\",\"type\":\"PLAINTEXT\",\"value\":\"#{QAImage.IMAGE_TAG}\"}");
        }
    }

    @Test
    void eachEcsDeployActionHasItsOwnRoleLimitedToItsEnvironmentsServiceAndTaskRoles() {
        for (var env : List.of("qa", "prod")) {
            var stage = env.equals("qa") ? "DeployQA" : "DeployProd";
            var other = env.equals("qa") ? "Fixture-prod" : "Fixture-qa";
            var role = logicalId(action(stage).path("RoleArn"));
            var statements = statementsOfRole(role);

            assertThat(actionsOn(statements, "Fixture-" + env + ":ExportsOutputRefService"))
                    .as(stage)
                    .containsExactlyInAnyOrder("ecs:UpdateService", "ecs:DescribeServices");
            for (var statement : statements) {
                var actions = statement.path("Action").toString();
                var resource = statement.path("Resource").toString();
                if (resource.equals("\"*\"")) {
                    // Only what ECS cannot scope by resource; ListTasks is held to the cluster by condition.
                    assertThat(actions)
                            .as(stage + " on *")
                            .isIn(
                                    "[\"ecs:RegisterTaskDefinition\",\"ecs:DescribeTaskDefinition\"]",
                                    "\"ecs:ListTasks\"");
                    if (actions.contains("ListTasks")) {
                        assertThat(statement
                                        .path("Condition")
                                        .path("ArnEquals")
                                        .path("ecs:cluster")
                                        .toString())
                                .contains("Fixture-" + env + ":ExportsOutputFnGetAttCluster");
                    }
                }
                if (actions.contains("iam:PassRole")) {
                    assertThat(statement.path("Resource"))
                            .as(stage + " PassRole")
                            .hasSize(2);
                    assertThat(resource)
                            .contains(
                                    "Fixture-" + env + ":ExportsOutputFnGetAttTaskTaskRole",
                                    "Fixture-" + env + ":ExportsOutputFnGetAttTaskExecutionRole")
                            .doesNotContain("*");
                    assertThat(statement.path("Condition").toString()).contains("ecs-tasks.amazonaws.com");
                }
                if (actions.contains("ecs:DescribeTasks")) {
                    assertThat(resource).contains(":task/", "Fixture-" + env + ":ExportsOutputRefCluster");
                }
                if (actions.contains("ecs:TagResource")) {
                    assertThat(resource).contains(":task-definition/myamazingapp-" + env + ":*");
                }
                if (actions.contains("s3:")) {
                    assertThat(actions)
                            .as(stage + " reads its input artifact only")
                            .doesNotContain("Put", "Delete");
                }
            }
            assertThat(statements.toString()).as(stage).doesNotContain(other, "ssm:", "ecr:");
            assertThat(statements.stream().map(s -> s.path("Action").toString()).toList())
                    .as(stage + ": no grant CDK's EcsDeployAction would have added")
                    .noneMatch(a -> a.contains("ecs:UpdateService") && a.contains("ecs:RegisterTaskDefinition"));

            var trust = json.path("Resources")
                    .path(role)
                    .path("Properties")
                    .path("AssumeRolePolicyDocument")
                    .toString();
            assertThat(trust).as(stage + " trust").contains("PipelineExecutionRole");
            var pipelineRole = statementsOfRole(logicalId(pipeline(json).path("RoleArn")));
            assertThat(actionsOn(pipelineRole, "\"" + role + "\""))
                    .as("the pipeline may assume " + stage + "'s role")
                    .contains("sts:AssumeRole");
        }
    }

    @Test
    void eachReleaseRoleMayOnlyDescribeAndUpdateItsOwnServiceAndWriteItsOwnImageTag() {
        for (var env : List.of("qa", "prod")) {
            var stage = env.equals("qa") ? "ReleaseQA" : "ReleaseProd";
            var other = env.equals("qa") ? "Fixture-prod" : "Fixture-qa";
            var statements = statementsOfProjectRole(stage);

            assertThat(actionsOn(statements, "Fixture-" + env + ":ExportsOutputRefService"))
                    .as(stage)
                    .containsExactlyInAnyOrder("ecs:DescribeServices", "ecs:UpdateService");
            assertThat(actionsOn(statements, ":parameter/myamazingapp/" + env + "/image-tag\""))
                    .as(stage)
                    .containsExactly("ssm:PutParameter");
            assertThat(statements.toString()).as(stage).doesNotContain(other, "ecr:");
            assertThat(actionsOn(statements, "\"*\""))
                    .as(stage + " on *")
                    .containsExactly("ecs:DescribeTaskDefinition");
            for (var statement : statements) {
                if (statement.path("Action").toString().contains("ecs:")
                        && !statement.path("Action").asText().equals("ecs:DescribeTaskDefinition")) {
                    assertThat(statement.path("Resource").toString())
                            .as(stage + " ECS resource")
                            .contains("Fixture-" + env + ":ExportsOutputRefService")
                            .doesNotContain("*");
                }
            }
        }
    }

    @Test
    void smokeTestChecksQaAndTheDeployedCommit() {
        var smoke = project("SmokeTestQA");

        assertThat(smoke.path("Source").path("BuildSpec").asText()).isEqualTo("infra/buildspecs/smoke-test.yml");
        assertThat(smoke.path("Environment").path("EnvironmentVariables").toString())
                .contains(
                        "{\"Name\":\"BASE_URL\",\"Type\":\"PLAINTEXT\",\"Value\":\"https://qa.myamazingapp.example.com\"}");
        assertThat(action("SmokeTestQA")
                        .path("Configuration")
                        .path("EnvironmentVariables")
                        .asText())
                .contains("\"EXPECTED_COMMIT\"", "#{SourceVariables.CommitId}");
    }

    @Test
    void approvalNotifiesTheMyAmazingApproversTopicWithTheQaUrlAndTheCommit() {
        template.hasResourceProperties(
                "AWS::SNS::Topic", Map.of("TopicName", "MyAmazingApprovers", "KmsMasterKeyId", Match.anyValue()));
        template.hasResourceProperties(
                "AWS::SNS::Subscription",
                Map.of("Protocol", "email", "Endpoint", "release-approvers@myamazingapp.example.com"));
        var topic =
                template.findResources("AWS::SNS::Topic").keySet().iterator().next();

        var approval = action("GetApproval").path("Configuration");
        assertThat(approval.path("NotificationArn").path("Ref").asText()).isEqualTo(topic);
        assertThat(approval.path("CustomData").asText())
                .contains(
                        "https://qa.myamazingapp.example.com",
                        "#{SourceVariables.CommitId}",
                        "#{QAImage.IMAGE_TAG}",
                        "#{QAImage.IMAGE_DIGEST}");
        assertThat(approval.path("ExternalEntityLink").asText()).isEqualTo("https://qa.myamazingapp.example.com");
    }

    @Test
    void theQaBuildMayPushOnlyToTheQaRepositoryAndWriteNoParameter() {
        var statements = statementsOfProjectRole("BuildImageQA");

        assertThat(actionsOn(statements, "Fixture-qa:ExportsOutputFnGetAttRepository"))
                .contains("ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:DescribeImages");
        assertThat(statements.toString()).doesNotContain("Fixture-prod", "ssm:", "ecs:");
        assertThat(actionsOn(statements, "\"*\"")).containsExactly("ecr:GetAuthorizationToken");
    }

    @Test
    void onlyThePromotionMayPushToProdAndItOnlyReadsQa() {
        var statements = statementsOfProjectRole("PromoteImageProd");

        assertThat(actionsOn(statements, "Fixture-prod:ExportsOutputFnGetAttRepository"))
                .contains("ecr:PutImage");
        assertThat(actionsOn(statements, "Fixture-qa:ExportsOutputFnGetAttRepository"))
                .contains("ecr:BatchGetImage", "ecr:DescribeImages")
                .doesNotContain("ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart");
        assertThat(statements.toString()).doesNotContain("ssm:", "ecs:");
        assertThat(actionsOn(statements, "\"*\"")).containsExactly("ecr:GetAuthorizationToken");
    }

    @Test
    void testAndSmokeTestRolesCannotTouchImagesOrParameters() {
        for (var stage : List.of("Test", "SmokeTestQA")) {
            assertThat(statementsOfProjectRole(stage).toString()).as(stage).doesNotContain("ecr:", "ssm:", "\"*\"");
        }
    }

    @Test
    void buildLogsAreKeptThreeMonthsPerStep() {
        for (var step :
                List.of("Test", "BuildImageQA", "SmokeTestQA", "PromoteImageProd", "ReleaseQA", "ReleaseProd")) {
            template.hasResourceProperties(
                    "AWS::Logs::LogGroup",
                    Map.of("LogGroupName", "/myamazingapp/pipeline/" + step, "RetentionInDays", 90));
            assertThat(project(step)
                            .path("LogsConfig")
                            .path("CloudWatchLogs")
                            .path("Status")
                            .asText())
                    .isEqualTo("ENABLED");
        }
    }

    @Test
    void everyBuildHasItsOwnServiceRole() {
        var roles = new ArrayList<String>();
        for (var stage :
                List.of("Test", "BuildImageQA", "SmokeTestQA", "PromoteImageProd", "ReleaseQA", "ReleaseProd")) {
            roles.add(logicalId(project(stage).path("ServiceRole")));
        }
        assertThat(roles).doesNotHaveDuplicates().allMatch(role -> role.contains("Role"));
        assertThat(pipeline(json).path("RoleArn").toString()).contains("PipelineExecutionRole");
    }

    @Test
    void artifactsBucketIsKmsEncryptedPrivateAndTlsOnly() {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "BucketEncryption",
                                Map.of(
                                        "ServerSideEncryptionConfiguration",
                                        List.of(Match.objectLike(Map.of(
                                                "ServerSideEncryptionByDefault",
                                                Map.of(
                                                        "SSEAlgorithm",
                                                        "aws:kms",
                                                        "KMSMasterKeyID",
                                                        Match.anyValue()))))),
                        "PublicAccessBlockConfiguration",
                                Map.of(
                                        "BlockPublicAcls",
                                        true,
                                        "BlockPublicPolicy",
                                        true,
                                        "IgnorePublicAcls",
                                        true,
                                        "RestrictPublicBuckets",
                                        true)));
        template.hasResourceProperties(
                "AWS::S3::BucketPolicy",
                Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Effect", "Deny",
                                        "Action", "s3:*",
                                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        var bucket =
                template.findResources("AWS::S3::Bucket").keySet().iterator().next();
        assertThat(pipeline(json)
                        .path("ArtifactStore")
                        .path("Location")
                        .path("Ref")
                        .asText())
                .isEqualTo(bucket);
        assertThat(pipeline(json)
                        .path("ArtifactStore")
                        .path("EncryptionKey")
                        .path("Type")
                        .asText())
                .isEqualTo("KMS");
    }

    @Test
    void everyBuildspecTheProjectsNameExistsAndCallsScriptsThatExist() throws Exception {
        var repositoryRoot = Path.of("..").toAbsolutePath().normalize();
        var scriptCall = Pattern.compile("bash (infra/buildspecs/scripts/[\\w.-]+\\.sh)");
        for (var stage :
                List.of("Test", "BuildImageQA", "SmokeTestQA", "PromoteImageProd", "ReleaseQA", "ReleaseProd")) {
            var buildspec = repositoryRoot.resolve(
                    project(stage).path("Source").path("BuildSpec").asText());
            assertThat(buildspec).as(stage).isRegularFile();
            var text = Files.readString(buildspec);
            assertThat(text).startsWith("#").contains("version: 0.2");
            var calls = scriptCall.matcher(text).results().map(m -> m.group(1)).toList();
            assertThat(calls).as(stage + " calls a script").isNotEmpty();
            calls.forEach(script -> assertThat(repositoryRoot.resolve(script))
                    .as(script)
                    .isRegularFile()
                    .isExecutable());
        }
    }
}
