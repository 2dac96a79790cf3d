package com.example.myamazingapp.infra.pipeline;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Stack;

/**
 * The cdk-nag (AwsSolutions) findings the pipeline accepts, each narrowed to the exact permission or resource it is
 * about and listed with its reason in docs/deploy.md. Anything else cdk-nag finds fails PipelineNagTest.
 */
final class PipelineNagSuppressions {
    private PipelineNagSuppressions() {}

    static void apply(Stack stack) {
        // Wildcards CDK's grants put on this stack's own artifacts bucket, key and CodeBuild logs: allowed everywhere
        // in the stack, but only these exact findings.
        NagSuppressions.addStackSuppressions(
                stack,
                List.of(
                        iam5(
                                "CDK's grants on the pipeline's own artifacts bucket and KMS key: artifacts are written under"
                                        + " per-execution object keys, so the object ARN needs a wildcard; the action wildcards are"
                                        + " CDK's read (and, for builds with output, write) sets on that one bucket and key.",
                                "Action::s3:GetObject*",
                                "Action::s3:GetBucket*",
                                "Action::s3:List*",
                                "Action::s3:DeleteObject*",
                                "Action::s3:Abort*",
                                "Action::kms:ReEncrypt*",
                                "Action::kms:GenerateDataKey*",
                                regex("/^Resource::<ArtifactsBucket[A-Za-z0-9]+\\.Arn>\\/\\*$/")),
                        iam5(
                                "CodeBuild writes its own log streams and test reports, named per build: the wildcard is limited"
                                        + " to the one project's log group and report groups.",
                                regex("/^Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:"
                                        + "\\/aws\\/codebuild\\/<[A-Za-z0-9]+Project[A-Za-z0-9]+>:\\*$/"),
                                regex("/^Resource::arn:<AWS::Partition>:codebuild:<AWS::Region>:<AWS::AccountId>:"
                                        + "report-group\\/<[A-Za-z0-9]+Project[A-Za-z0-9]+>-\\*$/"))));

        var root = "/" + stack.getNode().getPath();
        for (var step : List.of("BuildImageQA", "PromoteImageProd")) {
            NagSuppressions.addResourceSuppressionsByPath(
                    stack,
                    root + "/" + step + "/" + step + "Role/DefaultPolicy/Resource",
                    List.of(iam5(
                            "ecr:GetAuthorizationToken (docker login to ECR) has no resource-level permissions; every"
                                    + " pull and push permission of this role is scoped to its repositories.",
                            "Resource::*")));
        }
        for (var step : List.of("ReleaseQA", "ReleaseProd")) {
            NagSuppressions.addResourceSuppressionsByPath(
                    stack,
                    root + "/" + step + "/" + step + "Role/DefaultPolicy/Resource",
                    List.of(iam5(
                            "ecs:DescribeTaskDefinition (read-only: the release step checks the service runs the shipped"
                                    + " image) has no resource-level permissions; the role's other ECS and SSM permissions name"
                                    + " its one service and parameter.",
                            "Resource::*")));
        }
        for (var step : List.of("DeployQA", "DeployProd")) {
            NagSuppressions.addResourceSuppressionsByPath(
                    stack,
                    root + "/" + step + "/" + step + "Role/DefaultPolicy/Resource",
                    List.of(
                            iam5(
                                    "ecs:RegisterTaskDefinition and ecs:DescribeTaskDefinition have no resource-level permissions,"
                                            + " and ecs:ListTasks is limited to the environment's cluster by the ecs:cluster condition;"
                                            + " UpdateService/DescribeServices name the one service, PassRole the task's two roles.",
                                    "Resource::*"),
                            iam5(
                                    "ecs:DescribeTasks on the tasks of the environment's cluster only (task ids are generated)"
                                            + " and ecs:TagResource on the revisions of the service's task definition family only"
                                            + " (each deploy registers a new revision number).",
                                    regex(
                                            "/^Resource::arn:<AWS::Partition>:ecs:<AWS::Region>:<AWS::AccountId>:task\\/.+\\/\\*$/"),
                                    regex("/^Resource::arn:<AWS::Partition>:ecs:<AWS::Region>:<AWS::AccountId>:"
                                            + "task-definition\\/myamazingapp-[a-z]+:\\*$/"))));
        }
        NagSuppressions.addResourceSuppressionsByPath(
                stack,
                root + "/Test/TestProject/Resource",
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-CB5")
                        .reason("The tests need JDK 25 and a real Chromium with chromium-driver: CodeBuild's managed"
                                + " images offer neither (their newest JDK is older, Ubuntu ships Chromium only as a"
                                + " snap), so the Test step uses Debian from ECR Public and test.yml installs them.")
                        .build()));
        NagSuppressions.addResourceSuppressionsByPath(
                stack,
                root + "/ArtifactsBucket/Resource",
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-S1")
                        .reason("Pipeline artifacts are transient (expire after 30 days) and only CodePipeline and"
                                + " CodeBuild roles of this stack can read them; access is recorded by CloudTrail,"
                                + " and an access-log bucket would itself be unlogged.")
                        .build()));
    }

    private static NagPackSuppression iam5(String reason, Object... appliesTo) {
        return NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(reason)
                .appliesTo(List.of(appliesTo))
                .build();
    }

    private static RegexAppliesTo regex(String regex) {
        return RegexAppliesTo.builder().regex(regex).build();
    }
}
