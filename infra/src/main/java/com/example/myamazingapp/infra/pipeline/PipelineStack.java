package com.example.myamazingapp.infra.pipeline;

import com.example.myamazingapp.infra.DeployTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TagProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codebuild.BuildEnvironmentVariable;
import software.amazon.awscdk.services.codebuild.BuildSpec;
import software.amazon.awscdk.services.codebuild.CloudWatchLoggingOptions;
import software.amazon.awscdk.services.codebuild.ComputeType;
import software.amazon.awscdk.services.codebuild.IBuildImage;
import software.amazon.awscdk.services.codebuild.LinuxBuildImage;
import software.amazon.awscdk.services.codebuild.LoggingOptions;
import software.amazon.awscdk.services.codebuild.PipelineProject;
import software.amazon.awscdk.services.codepipeline.Artifact;
import software.amazon.awscdk.services.codepipeline.IAction;
import software.amazon.awscdk.services.codepipeline.Pipeline;
import software.amazon.awscdk.services.codepipeline.PipelineType;
import software.amazon.awscdk.services.codepipeline.StageProps;
import software.amazon.awscdk.services.codepipeline.actions.CodeBuildAction;
import software.amazon.awscdk.services.codepipeline.actions.CodeStarConnectionsSourceAction;
import software.amazon.awscdk.services.codepipeline.actions.EcsDeployAction;
import software.amazon.awscdk.services.codepipeline.actions.GitHubSourceAction;
import software.amazon.awscdk.services.codepipeline.actions.GitHubTrigger;
import software.amazon.awscdk.services.codepipeline.actions.ManualApprovalAction;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The document's "CodePipeline Instance": GitHub → Test → BuildImageQA → DeployQA → ReleaseQA → SmokeTestQA →
 * GetApproval (SNS topic MyAmazingApprovers) → PromoteImageProd → DeployProd → ReleaseProd.
 *
 * <p>Prod receives the very image QA ran and the approvers approved (copied by digest, never rebuilt). Each CodeBuild
 * project has its own service role, so the QA build can push only to the QA repository, only the promotion can touch
 * Prod's, and only an environment's release step may start its service's tasks and write its image-tag parameter, after
 * that environment's deploy succeeded.
 */
public final class PipelineStack extends Stack {

    /** Buildspecs are read from the source artifact at build time, so they always match the scripts they call. */
    public static final String TEST_BUILDSPEC = "infra/buildspecs/test.yml";

    public static final String BUILD_IMAGE_BUILDSPEC = "infra/buildspecs/build-image.yml";
    public static final String SMOKE_TEST_BUILDSPEC = "infra/buildspecs/smoke-test.yml";
    public static final String PROMOTE_IMAGE_BUILDSPEC = "infra/buildspecs/promote-image.yml";
    public static final String RECORD_RELEASE_BUILDSPEC = "infra/buildspecs/record-release.yml";

    /** Debian, like the team machines: the test buildspec installs JDK 25, Node and Chromium into it. */
    public static final String TEST_IMAGE = "public.ecr.aws/docker/library/debian:trixie";

    public static final String STACK_ID = "myamazingapp-pipeline";

    static final String APPROVERS_TOPIC = "MyAmazingApprovers";
    static final String SOURCE_NAMESPACE = "SourceVariables";
    static final String QA_IMAGE_NAMESPACE = "QAImage";

    private final Pipeline pipeline;
    private final Topic approvers;

    public PipelineStack(
            Construct scope, String id, StackProps props, PipelineConfig config, DeployTarget qa, DeployTarget prod) {
        super(scope, id, props);

        var key = Key.Builder.create(this, "PipelineKey")
                .description("myamazingapp pipeline: artifacts, build output and approval notifications")
                .enableKeyRotation(true)
                .build();
        var artifacts = Bucket.Builder.create(this, "ArtifactsBucket")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .expiration(Duration.days(30))
                        .noncurrentVersionExpiration(Duration.days(1))
                        .build()))
                .build();
        approvers = Topic.Builder.create(this, APPROVERS_TOPIC)
                .topicName(APPROVERS_TOPIC)
                .displayName("myamazingapp release approvals")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        config.approverEmails().forEach(email -> approvers.addSubscription(new EmailSubscription(email)));

        var source = new Artifact("Source");
        var qaImage = new Artifact("QAImageDefinitions");
        var prodImage = new Artifact("ProdImageDefinitions");

        var sourceAction = sourceAction(config, source);
        var commitId = sourceAction instanceof GitHubSourceAction github
                ? github.getVariables().getCommitId()
                : ((CodeStarConnectionsSourceAction) sourceAction)
                        .getVariables()
                        .getCommitId();

        var test = project(
                "Test",
                TEST_BUILDSPEC,
                LinuxBuildImage.fromDockerRegistry(TEST_IMAGE),
                ComputeType.MEDIUM,
                false,
                Duration.minutes(60),
                key,
                Map.of());

        var buildQa = project(
                "BuildImageQA",
                BUILD_IMAGE_BUILDSPEC,
                LinuxBuildImage.STANDARD_7_0,
                ComputeType.SMALL,
                true,
                Duration.minutes(30),
                key,
                Map.of(
                        "REPOSITORY_URI", qa.repository().getRepositoryUri(),
                        "CONTAINER_NAME", qa.containerName()));
        qa.repository().grantPullPush(buildQa);
        qa.repository().grant(buildQa, "ecr:DescribeImages");

        var smokeQa = project(
                "SmokeTestQA",
                SMOKE_TEST_BUILDSPEC,
                LinuxBuildImage.STANDARD_7_0,
                ComputeType.SMALL,
                false,
                Duration.minutes(15),
                key,
                Map.of("BASE_URL", qa.url()));

        var promote = project(
                "PromoteImageProd",
                PROMOTE_IMAGE_BUILDSPEC,
                LinuxBuildImage.STANDARD_7_0,
                ComputeType.SMALL,
                true,
                Duration.minutes(30),
                key,
                Map.of(
                        "SOURCE_REPOSITORY_URI", qa.repository().getRepositoryUri(),
                        "REPOSITORY_URI", prod.repository().getRepositoryUri(),
                        "CONTAINER_NAME", prod.containerName()));
        qa.repository().grantPull(promote);
        qa.repository().grant(promote, "ecr:DescribeImages");
        prod.repository().grantPullPush(promote);
        prod.repository().grant(promote, "ecr:DescribeImages");

        var releaseQa = releaseProject("ReleaseQA", qa, key);
        var releaseProd = releaseProject("ReleaseProd", prod, key);

        var buildQaAction = CodeBuildAction.Builder.create()
                .actionName("BuildImageQA")
                .project(buildQa)
                .input(source)
                .outputs(List.of(qaImage))
                .variablesNamespace(QA_IMAGE_NAMESPACE)
                .build();
        var imageTag = buildQaAction.variable("IMAGE_TAG");
        var imageDigest = buildQaAction.variable("IMAGE_DIGEST");

        var pipelineRole = Role.Builder.create(this, "PipelineExecutionRole")
                .assumedBy(new ServicePrincipal("codepipeline.amazonaws.com"))
                .description("CodePipeline MyAmazingPipeline: assumes the per-action roles")
                .build();
        pipeline = Pipeline.Builder.create(this, "MyAmazingPipeline")
                .pipelineName("MyAmazingPipeline")
                .pipelineType(PipelineType.V2)
                .role(pipelineRole)
                .artifactBucket(artifacts)
                .stages(List.of(
                        stage("Source", sourceAction),
                        stage(
                                "Test",
                                CodeBuildAction.Builder.create()
                                        .actionName("Test")
                                        .project(test)
                                        .input(source)
                                        .build()),
                        stage("BuildImageQA", buildQaAction),
                        stage(
                                "DeployQA",
                                EcsDeployAction.Builder.create()
                                        .actionName("DeployQA")
                                        .service(qa.service())
                                        .role(deployRole("DeployQA", qa, artifacts, pipelineRole))
                                        .input(qaImage)
                                        .deploymentTimeout(Duration.minutes(30))
                                        .build()),
                        stage("ReleaseQA", releaseAction("ReleaseQA", releaseQa, source, imageTag)),
                        stage(
                                "SmokeTestQA",
                                CodeBuildAction.Builder.create()
                                        .actionName("SmokeTestQA")
                                        .project(smokeQa)
                                        .input(source)
                                        .environmentVariables(Map.of("EXPECTED_COMMIT", plain(commitId)))
                                        .build()),
                        stage(
                                "GetApproval",
                                ManualApprovalAction.Builder.create()
                                        .actionName("GetApproval")
                                        .notificationTopic(approvers)
                                        .externalEntityLink(qa.url())
                                        .additionalInformation("QA (" + qa.url() + ") runs commit " + commitId
                                                + " as image " + imageTag + " (" + imageDigest
                                                + ") and passed the smoke test."
                                                + " Approve to ship exactly this image to Prod.")
                                        .build()),
                        stage(
                                "PromoteImageProd",
                                CodeBuildAction.Builder.create()
                                        .actionName("PromoteImageProd")
                                        .project(promote)
                                        .input(source)
                                        .outputs(List.of(prodImage))
                                        .environmentVariables(Map.of(
                                                "IMAGE_TAG", plain(imageTag),
                                                "IMAGE_DIGEST", plain(imageDigest)))
                                        .build()),
                        stage(
                                "DeployProd",
                                EcsDeployAction.Builder.create()
                                        .actionName("DeployProd")
                                        .service(prod.service())
                                        .role(deployRole("DeployProd", prod, artifacts, pipelineRole))
                                        .input(prodImage)
                                        .deploymentTimeout(Duration.minutes(30))
                                        .build()),
                        stage("ReleaseProd", releaseAction("ReleaseProd", releaseProd, source, imageTag))))
                .build();

        PipelineNagSuppressions.apply(this);
    }

    /**
     * The pipeline of the CDK app (InfraApp's wiring): stack {@value #STACK_ID}, configured from the app's
     * {@code pipeline} context, in the account and region of the environments it deploys to.
     */
    public static PipelineStack create(Construct scope, DeployTarget qa, DeployTarget prod) {
        var config = PipelineConfig.fromContext(scope.getNode());
        var qaStack = Stack.of(qa.service());
        var prodStack = Stack.of(prod.service());
        if (!qaStack.getAccount().equals(prodStack.getAccount())
                || !qaStack.getRegion().equals(prodStack.getRegion())) {
            throw new IllegalArgumentException(
                    "The pipeline deploys qa and prod from one account and region, but qa is in "
                            + qaStack.getAccount() + "/" + qaStack.getRegion() + " and prod in "
                            + prodStack.getAccount() + "/" + prodStack.getRegion()
                            + ": give both environments the same account and region in infra/cdk.json");
        }
        var env = Environment.builder()
                .account(Token.isUnresolved(qaStack.getAccount()) ? null : qaStack.getAccount())
                .region(Token.isUnresolved(qaStack.getRegion()) ? null : qaStack.getRegion())
                .build();
        var stack = new PipelineStack(
                scope,
                STACK_ID,
                StackProps.builder()
                        .env(env)
                        .description("myamazingapp delivery pipeline: GitHub -> test -> QA -> approval (SNS) -> Prod")
                        .build(),
                config,
                qa,
                prod);
        // CloudFormation's AWS::CodePipeline::Webhook has no Tags property (CDK's L1 claims one): tagging it fails the
        // deploy.
        Tags.of(stack)
                .add(
                        "project",
                        "myamazingapp",
                        TagProps.builder()
                                .excludeResourceTypes(List.of("AWS::CodePipeline::Webhook"))
                                .build());
        return stack;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public Topic approvers() {
        return approvers;
    }

    private IAction sourceAction(PipelineConfig config, Artifact output) {
        return switch (config.sourceType()) {
            // The document's way: a personal access token in Secrets Manager, webhook authenticated with GITHUB_HMAC.
            case GITHUB_WEBHOOK ->
                GitHubSourceAction.Builder.create()
                        .actionName("Source")
                        .owner(config.githubOwner())
                        .repo(config.githubRepo())
                        .branch(config.branch())
                        .oauthToken(SecretValue.secretsManager(config.githubTokenSecretName()))
                        .trigger(GitHubTrigger.WEBHOOK)
                        .output(output)
                        .variablesNamespace(SOURCE_NAMESPACE)
                        .build();
            case CODESTAR_CONNECTION ->
                CodeStarConnectionsSourceAction.Builder.create()
                        .actionName("Source")
                        .owner(config.githubOwner())
                        .repo(config.githubRepo())
                        .branch(config.branch())
                        .connectionArn(config.connectionArn())
                        .triggerOnPush(true)
                        .output(output)
                        .variablesNamespace(SOURCE_NAMESPACE)
                        .build();
        };
    }

    /**
     * The step after an environment's ECS deploy (record-release.sh): starts the configured number of tasks on the
     * first release (the deploy action leaves the desired count at the bootstrap 0), waits for the service to be stable
     * and running the shipped image, then writes the shipped tag into the environment's image-tag parameter. Its role
     * may describe and update only that service, describe task definitions and write only that parameter.
     */
    private PipelineProject releaseProject(String name, DeployTarget target, Key key) {
        var service = target.service();
        var project = project(
                name,
                RECORD_RELEASE_BUILDSPEC,
                LinuxBuildImage.STANDARD_7_0,
                ComputeType.SMALL,
                false,
                Duration.minutes(20),
                key,
                Map.of(
                        "CLUSTER_NAME", service.getCluster().getClusterName(),
                        "SERVICE_NAME", service.getServiceName(),
                        "DESIRED_COUNT", Integer.toString(target.desiredCount()),
                        "CONTAINER_NAME", target.containerName(),
                        "IMAGE_TAG_PARAMETER", target.imageTagParameter().getParameterName()));
        project.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("ecs:DescribeServices", "ecs:UpdateService"))
                .resources(List.of(service.getServiceArn()))
                .build());
        // Read-only, to check the service runs the shipped image before recording it; ECS has no resource-level
        // permission for DescribeTaskDefinition, so it can only be granted on "*".
        project.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("ecs:DescribeTaskDefinition"))
                .resources(List.of("*"))
                .build());
        target.imageTagParameter().grantWrite(project);
        return project;
    }

    /**
     * The role of an ECS deploy action, instead of the one CDK would make (UpdateService on every service of the
     * account, PassRole on any role). Used through withoutPolicyUpdates(), so EcsDeployAction's own grants are dropped
     * and only these remain: update and describe this environment's service; register and describe task definitions on
     * "*" (ECS has no resource-level permission for them); list tasks, limited to the environment's cluster by
     * condition; describe the tasks of that cluster; tag only task definitions of the service's family (the new
     * revision is registered with the old one's tags); pass only the task's two roles; read the input artifact.
     */
    private IRole deployRole(String name, DeployTarget target, Bucket artifacts, Role pipelineRole) {
        var service = target.service();
        var cluster = service.getCluster();
        var task = target.taskDefinition();
        var role = Role.Builder.create(this, name + "Role")
                .assumedBy(new ArnPrincipal(pipelineRole.getRoleArn()))
                .description("ECS deploy action " + name + " of MyAmazingPipeline: only the " + target.environmentName()
                        + " service")
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("ThisServiceOnly")
                .actions(List.of("ecs:UpdateService", "ecs:DescribeServices"))
                .resources(List.of(service.getServiceArn()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("NoResourceLevelPermissions")
                .actions(List.of("ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition"))
                .resources(List.of("*"))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("ListTasksOfThisCluster")
                .actions(List.of("ecs:ListTasks"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnEquals", Map.of("ecs:cluster", cluster.getClusterArn())))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("TasksOfThisCluster")
                .actions(List.of("ecs:DescribeTasks"))
                .resources(List.of(formatArn(ArnComponents.builder()
                        .service("ecs")
                        .resource("task")
                        .resourceName(cluster.getClusterName() + "/*")
                        .build())))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("TagThisFamilysRevisions")
                .actions(List.of("ecs:TagResource"))
                .resources(List.of(formatArn(ArnComponents.builder()
                        .service("ecs")
                        .resource("task-definition")
                        .resourceName(task.getFamily() + ":*")
                        .build())))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("PassThisTasksRoles")
                .actions(List.of("iam:PassRole"))
                .resources(List.of(
                        task.getTaskRole().getRoleArn(),
                        task.obtainExecutionRole().getRoleArn()))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")))
                .build());
        // The input artifact (imagedefinitions.json): CDK's read grant on the artifacts bucket and its key, no write.
        artifacts.grantRead(role);
        return role.withoutPolicyUpdates();
    }

    private static CodeBuildAction releaseAction(
            String name, PipelineProject project, Artifact source, String imageTag) {
        return CodeBuildAction.Builder.create()
                .actionName(name)
                .project(project)
                .input(source)
                .environmentVariables(Map.of("IMAGE_TAG", plain(imageTag)))
                .build();
    }

    // One role per project (named <project>Role): the document's CodeBuildServiceRole, split so that each build
    // holds only the permissions of its own step.
    private PipelineProject project(
            String name,
            String buildspec,
            IBuildImage image,
            ComputeType compute,
            boolean privileged,
            Duration timeout,
            Key key,
            Map<String, String> variables) {
        var role = Role.Builder.create(this, name + "Role")
                .assumedBy(new ServicePrincipal("codebuild.amazonaws.com"))
                .description("CodeBuild service role of the " + name + " step of MyAmazingPipeline")
                .build();
        var environment = new LinkedHashMap<String, BuildEnvironmentVariable>();
        variables.forEach((k, v) -> environment.put(k, plain(v)));
        return PipelineProject.Builder.create(this, name + "Project")
                .projectName("myamazingapp-" + name)
                .description("MyAmazingPipeline step " + name + " (" + buildspec + ")")
                .buildSpec(BuildSpec.fromSourceFilename(buildspec))
                .environment(BuildEnvironment.builder()
                        .buildImage(image)
                        .computeType(compute)
                        .privileged(privileged)
                        .build())
                .environmentVariables(environment)
                .encryptionKey(key)
                .timeout(timeout)
                .role(role)
                // Build logs are for diagnosing a run: kept three months, not forever (CodeBuild's default).
                .logging(LoggingOptions.builder()
                        .cloudWatch(CloudWatchLoggingOptions.builder()
                                .logGroup(LogGroup.Builder.create(this, name + "Logs")
                                        .logGroupName("/myamazingapp/pipeline/" + name)
                                        .retention(RetentionDays.THREE_MONTHS)
                                        .removalPolicy(RemovalPolicy.DESTROY)
                                        .build())
                                .build())
                        .build())
                .build();
    }

    private static BuildEnvironmentVariable plain(String value) {
        return BuildEnvironmentVariable.builder().value(value).build();
    }

    private static StageProps stage(String name, IAction action) {
        return StageProps.builder().stageName(name).actions(List.of(action)).build();
    }
}
