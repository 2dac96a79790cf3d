package com.example.myamazingapp.infra.logs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.BufferingHintsProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.CloudWatchLoggingOptionsProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessingConfigurationProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessorParameterProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessorProperty;
import software.amazon.awscdk.services.logs.CfnSubscriptionFilter;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The application's CloudWatch log group, kept on S3: a subscription filter streams every event to a Firehose delivery
 * stream, which unpacks CloudWatch's gzipped batches into the application's own JSON lines (one per line), gzips them
 * again as whole files and writes them into the logging bucket under app-logs/yyyy/MM/dd/. CloudWatch keeps the lines
 * for Logs Insights for {@code retentionDays}; the bucket keeps them, far cheaper, until its lifecycle expires them
 * after {@code archiveDays}.
 *
 * <p>Level 1 resources on purpose: CDK's Firehose S3 destination grants its role read, write and delete on the whole
 * bucket, and the logging bucket holds every other log of the environment. This role can only add under app-logs/.
 */
public class ApplicationLogArchive extends Construct {

    public static final String PREFIX = "app-logs/";
    /** Partitioned by the day (UTC) Firehose received the lines: app-logs/2026/11/26/. */
    public static final String DATA_PREFIX = PREFIX + "!{timestamp:yyyy/MM/dd}/";
    /** Records Firehose could not process or deliver, by error type, beside (not inside) the dated partitions. */
    public static final String ERROR_PREFIX = PREFIX + "errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/";

    /**
     * @param logGroup the application's log group (the awslogs driver writes into it)
     * @param loggingBucket the environment's logging bucket
     * @param retentionDays how long CloudWatch keeps the lines; shorter than archiveDays
     * @param archiveDays how long the logging bucket keeps them (its lifecycle expiry)
     */
    public record Props(ILogGroup logGroup, IBucket loggingBucket, int retentionDays, int archiveDays) {}

    private final CfnDeliveryStream deliveryStream;
    private final Role deliveryRole;

    public ApplicationLogArchive(Construct scope, String id, Props props) {
        super(scope, id);
        if (props.retentionDays() >= props.archiveDays()) {
            throw new IllegalArgumentException("The application logs' CloudWatch retention (" + props.retentionDays()
                    + " days) must be shorter than the logging bucket's lifecycle (" + props.archiveDays()
                    + " days): the archive on S3 is what outlives CloudWatch");
        }
        var bucket = props.loggingBucket();

        // Firehose's own delivery errors (S3 refusing a write, a record it cannot unpack).
        var deliveryErrors = LogGroup.Builder.create(this, "delivery_errors")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        var errorStream = LogStream.Builder.create(this, "delivery_errors_stream")
                .logGroup(deliveryErrors)
                .logStreamName("S3Delivery")
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        deliveryRole = Role.Builder.create(this, "delivery_role")
                .description("Firehose writes the application's logs under app-logs/ of the logging bucket")
                .assumedBy(new ServicePrincipal(
                        "firehose.amazonaws.com",
                        software.amazon.awscdk.services.iam.ServicePrincipalOpts.builder()
                                .conditions(Map.of("StringEquals", Map.of("sts:ExternalId", Aws.ACCOUNT_ID)))
                                .build()))
                .inlinePolicies(Map.of(
                        "archive",
                        PolicyDocument.Builder.create()
                                .statements(List.of(
                                        allow(
                                                List.of(
                                                        "s3:GetBucketLocation",
                                                        "s3:ListBucket",
                                                        "s3:ListBucketMultipartUploads"),
                                                bucket.getBucketArn()),
                                        allow(
                                                List.of("s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload"),
                                                bucket.arnForObjects(PREFIX + "*")),
                                        allow(List.of("logs:PutLogEvents"), deliveryErrors.getLogGroupArn())))
                                .build()))
                .build();

        NagSuppressions.addResourceSuppressions(
                deliveryRole,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason(
                                "Firehose names each object it writes (date prefix, random suffix): the role may put, read back "
                                        + "and abort uploads of objects under app-logs/ only, nothing else in the logging bucket")
                        .appliesTo(List.of(RegexAppliesTo.builder()
                                .regex("/^Resource::<.*\\.Arn>\\/app-logs\\/\\*$/g")
                                .build()))
                        .build()));

        deliveryStream = CfnDeliveryStream.Builder.create(this, "delivery_stream")
                .deliveryStreamType("DirectPut")
                .deliveryStreamEncryptionConfigurationInput(DeliveryStreamEncryptionConfigurationInputProperty.builder()
                        .keyType("AWS_OWNED_CMK")
                        .build())
                .extendedS3DestinationConfiguration(ExtendedS3DestinationConfigurationProperty.builder()
                        .bucketArn(bucket.getBucketArn())
                        .roleArn(deliveryRole.getRoleArn())
                        .prefix(DATA_PREFIX)
                        .errorOutputPrefix(ERROR_PREFIX)
                        .compressionFormat("GZIP")
                        .fileExtension(".json.gz")
                        // A file every 5 minutes or 64 MiB, whichever comes first: few, large objects for Athena.
                        .bufferingHints(BufferingHintsProperty.builder()
                                .intervalInSeconds(300)
                                .sizeInMBs(64)
                                .build())
                        // CloudWatch Logs sends gzipped batches with control messages: unpack them to the log lines.
                        .processingConfiguration(ProcessingConfigurationProperty.builder()
                                .enabled(true)
                                .processors(List.of(
                                        processor("Decompression", "CompressionFormat", "GZIP"),
                                        processor("CloudWatchLogProcessing", "DataMessageExtraction", "true"),
                                        ProcessorProperty.builder()
                                                .type("AppendDelimiterToRecord")
                                                .build()))
                                .build())
                        .cloudWatchLoggingOptions(CloudWatchLoggingOptionsProperty.builder()
                                .enabled(true)
                                .logGroupName(deliveryErrors.getLogGroupName())
                                .logStreamName(errorStream.getLogStreamName())
                                .build())
                        .build())
                .build();
        deliveryStream.getNode().addDependency(deliveryRole);

        var subscriptionRole = Role.Builder.create(this, "subscription_role")
                .description("CloudWatch Logs puts the application's log events into the archive's delivery stream")
                .assumedBy(new ServicePrincipal(
                        "logs.amazonaws.com",
                        software.amazon.awscdk.services.iam.ServicePrincipalOpts.builder()
                                .conditions(Map.of(
                                        "StringLike",
                                        Map.of(
                                                "aws:SourceArn",
                                                "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                                                        + ":*")))
                                .build()))
                .inlinePolicies(Map.of(
                        "deliver",
                        PolicyDocument.Builder.create()
                                .statements(List.of(allow(
                                        List.of("firehose:PutRecord", "firehose:PutRecordBatch"),
                                        deliveryStream.getAttrArn())))
                                .build()))
                .build();

        var filter = CfnSubscriptionFilter.Builder.create(this, "subscription_filter")
                .logGroupName(props.logGroup().getLogGroupName())
                .filterPattern("")
                .destinationArn(deliveryStream.getAttrArn())
                .roleArn(subscriptionRole.getRoleArn())
                .build();
        // CloudWatch Logs tests the role when the filter is created: the role and its policy must exist first.
        filter.getNode().addDependency(subscriptionRole);
    }

    private static PolicyStatement allow(List<String> actions, String resource) {
        return PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(List.of(resource))
                .build();
    }

    private static ProcessorProperty processor(String type, String parameter, String value) {
        return ProcessorProperty.builder()
                .type(type)
                .parameters(List.of(ProcessorParameterProperty.builder()
                        .parameterName(parameter)
                        .parameterValue(value)
                        .build()))
                .build();
    }

    public CfnDeliveryStream deliveryStream() {
        return deliveryStream;
    }

    public Role deliveryRole() {
        return deliveryRole;
    }
}
