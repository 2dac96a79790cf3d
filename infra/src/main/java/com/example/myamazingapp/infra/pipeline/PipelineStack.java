package com.example.myamazingapp.infra.pipeline;

import com.example.myamazingapp.infra.DeployTarget;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TagProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.codepipeline.Pipeline;
import software.amazon.awscdk.services.codepipeline.PipelineType;
import software.amazon.awscdk.services.codepipeline.StageProps;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The document's "CodePipeline Instance": GitHub → Test → BuildImageQA → DeployQA → ReleaseQA → SmokeTestQA →
 * GetApproval (SNS topic MyAmazingApprovers) → PromoteImageProd → DeployProd → ReleaseProd, one construct per stage,
 * composed here in that order.
 *
 * <p>Prod receives the very image QA ran and the approvers approved (copied by digest, never rebuilt). Each CodeBuild
 * project has its own service role, so the QA build can push only to the QA repository, only the promotion can touch
 * Prod's, and only an environment's release step may start its service's tasks and write its image-tag parameter, after
 * that environment's deploy succeeded.
 */
public final class PipelineStack extends Stack {

    public static final String STACK_ID = "myamazingapp-pipeline";

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
        var pipelineRole = Role.Builder.create(this, "PipelineExecutionRole")
                .assumedBy(new ServicePrincipal("codepipeline.amazonaws.com"))
                .description("CodePipeline MyAmazingPipeline: assumes the per-action roles")
                .build();

        var source = new GitHubSource(this, "Source", new GitHubSource.Props(config));
        var code = source.output();
        var test = new TestBuild(this, "Test", new TestBuild.Props(key, code));
        var qaImage = new QaImageBuild(this, "BuildImageQA", new QaImageBuild.Props(key, code, qa));
        var deployQa = new EcsDeploy(
                this, "DeployQA", new EcsDeploy.Props(qa, qaImage.imageDefinitions(), artifacts, pipelineRole));
        var releaseQa = new Release(this, "ReleaseQA", new Release.Props(qa, key, code, qaImage.imageTag()));
        var smokeTest =
                new QaSmokeTest(this, "SmokeTestQA", new QaSmokeTest.Props(key, code, qa.url(), source.commitId()));
        var approval = new Approval(
                this,
                "GetApproval",
                new Approval.Props(
                        key,
                        config.approverEmails(),
                        qa.url(),
                        source.commitId(),
                        qaImage.imageTag(),
                        qaImage.imageDigest()));
        var promotion = new Promotion(
                this,
                "PromoteImageProd",
                new Promotion.Props(key, code, qa, prod, qaImage.imageTag(), qaImage.imageDigest()));
        var deployProd = new EcsDeploy(
                this, "DeployProd", new EcsDeploy.Props(prod, promotion.imageDefinitions(), artifacts, pipelineRole));
        var releaseProd = new Release(this, "ReleaseProd", new Release.Props(prod, key, code, qaImage.imageTag()));
        approvers = approval.topic();

        pipeline = Pipeline.Builder.create(this, "MyAmazingPipeline")
                .pipelineName("MyAmazingPipeline")
                .pipelineType(PipelineType.V2)
                .role(pipelineRole)
                .artifactBucket(artifacts)
                .stages(stages(
                        source,
                        test,
                        qaImage,
                        deployQa,
                        releaseQa,
                        smokeTest,
                        approval,
                        promotion,
                        deployProd,
                        releaseProd))
                .build();
        source.addWebhook(pipeline);

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

    /**
     * The stages group their resources, yet every resource keeps the logical id it had when this stack created it
     * directly: a new logical id makes CloudFormation create the resource anew before deleting the old one, which fails
     * for the named CodeBuild projects and log groups of a pipeline already deployed.
     */
    @Override
    protected String allocateLogicalId(CfnElement element) {
        var scopes = element.getNode().getScopes();
        var path = new ArrayList<String>();
        for (var scope : scopes.subList(scopes.indexOf(this) + 1, scopes.size())) {
            if (!(scope instanceof PipelineStep)) {
                path.add(scope.getNode().getId());
            }
        }
        return LogicalIds.of(path);
    }

    /** One stage per step, named after the step's construct, with its one action. */
    private static List<StageProps> stages(PipelineStep... steps) {
        var stages = new ArrayList<StageProps>();
        for (var step : steps) {
            stages.add(StageProps.builder()
                    .stageName(((Construct) step).getNode().getId())
                    .actions(List.of(step.action()))
                    .build());
        }
        return stages;
    }
}
