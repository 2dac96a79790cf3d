package com.example.myamazingapp.infra.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.Bucket;

class ApplicationLogArchiveTest {

    private static Stack stack(int retentionDays, int archiveDays) {
        var stack = new Stack(new App(), "LogArchiveTest");
        var logGroup = LogGroup.Builder.create(stack, "web_logs")
                .retention(RetentionDays.ONE_MONTH)
                .build();
        var bucket = Bucket.Builder.create(stack, "logging_bucket").build();
        new ApplicationLogArchive(
                stack, "app_logs", new ApplicationLogArchive.Props(logGroup, bucket, retentionDays, archiveDays));
        return stack;
    }

    private final Template template = Template.fromStack(stack(30, 90));

    @Test
    void firehoseWritesGzippedLinesUnderAppLogsByDateWithAnErrorPrefix() {
        template.hasResourceProperties(
                "AWS::KinesisFirehose::DeliveryStream",
                Match.objectLike(Map.of(
                        "DeliveryStreamEncryptionConfigurationInput", Map.of("KeyType", "AWS_OWNED_CMK"),
                        "ExtendedS3DestinationConfiguration",
                                Match.objectLike(Map.of(
                                        "BucketARN", Map.of("Fn::GetAtt", List.of(logicalId("AWS::S3::Bucket"), "Arn")),
                                        "Prefix", "app-logs/!{timestamp:yyyy/MM/dd}/",
                                        "ErrorOutputPrefix",
                                                "app-logs/errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/",
                                        "CompressionFormat", "GZIP",
                                        "ProcessingConfiguration",
                                                Map.of(
                                                        "Enabled",
                                                        true,
                                                        "Processors",
                                                        List.of(
                                                                Map.of(
                                                                        "Type",
                                                                        "Decompression",
                                                                        "Parameters",
                                                                        List.of(Map.of(
                                                                                "ParameterName",
                                                                                "CompressionFormat",
                                                                                "ParameterValue",
                                                                                "GZIP"))),
                                                                Map.of(
                                                                        "Type",
                                                                        "CloudWatchLogProcessing",
                                                                        "Parameters",
                                                                        List.of(Map.of(
                                                                                "ParameterName",
                                                                                "DataMessageExtraction",
                                                                                "ParameterValue",
                                                                                "true"))),
                                                                Map.of("Type", "AppendDelimiterToRecord"))))))));
    }

    @Test
    void everyEventOfTheApplicationLogGroupIsSubscribed() {
        template.resourceCountIs("AWS::Logs::SubscriptionFilter", 1);
        template.hasResourceProperties(
                "AWS::Logs::SubscriptionFilter",
                Map.of(
                        "LogGroupName", Map.of("Ref", logicalId("AWS::Logs::LogGroup", "weblogs")),
                        "FilterPattern", "",
                        "DestinationArn",
                                Map.of("Fn::GetAtt", List.of(logicalId("AWS::KinesisFirehose::DeliveryStream"), "Arn")),
                        "RoleArn", Match.anyValue()));
    }

    @Test
    void cloudWatchLogsMayOnlyPutIntoTheDeliveryStream() {
        template.hasResourceProperties(
                "AWS::IAM::Role",
                Match.objectLike(Map.of(
                        "AssumeRolePolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        List.of(Match.objectLike(Map.of(
                                                "Principal", Map.of("Service", "logs.amazonaws.com"),
                                                "Condition",
                                                        Map.of(
                                                                "StringLike",
                                                                Map.of("aws:SourceArn", Match.anyValue()))))))),
                        "Policies",
                                List.of(Map.of(
                                        "PolicyName",
                                        "deliver",
                                        "PolicyDocument",
                                        Match.objectLike(Map.of(
                                                "Statement",
                                                List.of(Map.of(
                                                        "Effect",
                                                        "Allow",
                                                        "Action",
                                                        List.of("firehose:PutRecord", "firehose:PutRecordBatch"),
                                                        "Resource",
                                                        Map.of(
                                                                "Fn::GetAtt",
                                                                List.of(
                                                                        logicalId(
                                                                                "AWS::KinesisFirehose::DeliveryStream"),
                                                                        "Arn")))))))))));
    }

    @Test
    void firehoseMayOnlyAddObjectsUnderAppLogs() {
        var bucketArn = Map.of("Fn::GetAtt", List.of(logicalId("AWS::S3::Bucket"), "Arn"));
        template.hasResourceProperties(
                "AWS::IAM::Role",
                Match.objectLike(Map.of(
                        "AssumeRolePolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        List.of(Match.objectLike(Map.of(
                                                "Principal", Map.of("Service", "firehose.amazonaws.com"),
                                                "Condition",
                                                        Map.of(
                                                                "StringEquals",
                                                                Map.of(
                                                                        "sts:ExternalId",
                                                                        Map.of("Ref", "AWS::AccountId")))))))),
                        "Policies",
                                List.of(Map.of(
                                        "PolicyName",
                                        "archive",
                                        "PolicyDocument",
                                        Match.objectLike(Map.of(
                                                "Statement",
                                                List.of(
                                                        Map.of(
                                                                "Effect",
                                                                "Allow",
                                                                "Action",
                                                                List.of(
                                                                        "s3:GetBucketLocation",
                                                                        "s3:ListBucket",
                                                                        "s3:ListBucketMultipartUploads"),
                                                                "Resource",
                                                                bucketArn),
                                                        Map.of(
                                                                "Effect",
                                                                "Allow",
                                                                "Action",
                                                                List.of(
                                                                        "s3:PutObject",
                                                                        "s3:GetObject",
                                                                        "s3:AbortMultipartUpload"),
                                                                "Resource",
                                                                Map.of(
                                                                        "Fn::Join",
                                                                        List.of(
                                                                                "",
                                                                                List.of(bucketArn, "/app-logs/*")))),
                                                        Match.objectLike(Map.of("Action", "logs:PutLogEvents"))))))))));
        assertThat(template.toJSON().toString())
                .doesNotContain("s3:DeleteObject")
                .doesNotContain("s3:*");
    }

    @Test
    void cloudWatchMustForgetBeforeTheBucketDoes() {
        assertThatThrownBy(() -> stack(90, 90))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "retention (90 days) must be shorter than the logging bucket's lifecycle (90 days)");
    }

    @Test
    void awsSolutionsChecksFindNothingUnsuppressedInTheArchive() {
        var stack = stack(30, 90);
        Aspects.of(stack).add(new AwsSolutionsChecks());
        var annotations = Annotations.fromStack(stack);
        var findings = java.util.stream.Stream.concat(
                        annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream(),
                        annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream())
                .filter(m -> m.getId().contains("/app_logs/"))
                .map(m -> m.getId() + " " + m.getEntry().getData())
                .toList();
        assertThat(findings).isEmpty();
    }

    /** The logical id of the only resource of a type (or the one whose id starts with a prefix). */
    private String logicalId(String type, String... prefix) {
        var ids = template.findResources(type).keySet().stream()
                .filter(id -> prefix.length == 0 || id.startsWith(prefix[0]))
                .toList();
        assertThat(ids).as(type).hasSize(1);
        return ids.getFirst();
    }
}
