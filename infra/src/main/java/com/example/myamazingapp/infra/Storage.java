package com.example.myamazingapp.infra;

import com.example.myamazingapp.infra.reports.ReportsRootFunction;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnMapping;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.regioninfo.FactName;
import software.amazon.awscdk.regioninfo.RegionInfo;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOriginWithOACProps;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The document's three buckets: myamazingapp_logging_bucket (every log of the environment, by prefix),
 * myamazingapp_data_bucket (uploaded files) and myamazingapp_reports_cf_origin_bucket (reports, served only through a
 * CloudFront distribution with origin access control).
 */
public class Storage extends Construct {

    /** Where each kind of log lands in the logging bucket (docs/operations.md). */
    public static final String ALB_LOGS = "alb";

    public static final String FLOW_LOGS = "vpc-flow-logs/";
    public static final String CLOUDFRONT_LOGS = "cloudfront/";

    private final Bucket loggingBucket;
    private final Bucket dataBucket;
    private final Bucket reportsBucket;
    private final Distribution reportsDistribution;

    public Storage(Construct scope, String id, EnvironmentConfig config) {
        super(scope, id);
        var removal = config.deletionProtection() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

        loggingBucket = Bucket.Builder.create(this, "myamazingapp_logging_bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                // Load balancer access logs can only be written to SSE-S3 buckets.
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                // CloudFront standard logging writes with an ACL; public access stays blocked.
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("archive-then-expire")
                        .transitions(List.of(Transition.builder()
                                .storageClass(StorageClass.INFREQUENT_ACCESS)
                                .transitionAfter(Duration.days(config.logs().transitionDays()))
                                .build()))
                        .expiration(Duration.days(config.logs().archiveDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .removalPolicy(removal)
                .build();

        dataBucket = Bucket.Builder.create(this, "myamazingapp_data_bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(true)
                .serverAccessLogsBucket(loggingBucket)
                .serverAccessLogsPrefix("s3-access/data/")
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-replaced-versions")
                        // Versions are the undo of a delete or overwrite, kept a month.
                        .noncurrentVersionExpiration(Duration.days(30))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()))
                .removalPolicy(removal)
                .build();

        reportsBucket = Bucket.Builder.create(this, "myamazingapp_reports_cf_origin_bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .serverAccessLogsBucket(loggingBucket)
                .serverAccessLogsPrefix("s3-access/reports/")
                .removalPolicy(removal)
                .build();

        allowLoadBalancerLogs();

        reportsDistribution = Distribution.Builder.create(this, "reports_distribution")
                .comment("myamazingapp " + config.name() + " reports")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(
                                reportsBucket,
                                S3BucketOriginWithOACProps.builder()
                                        .originPath("/reports")
                                        .build()))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                        .cachePolicy(reportsCachePolicy())
                        // "/" shows the latest report, a folder its index.html (S3 with OAC has no index documents).
                        .functionAssociations(List.of(new ReportsRootFunction(this, "reports_root").viewerRequest()))
                        .build())
                .defaultRootObject("index.html")
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .enableLogging(true)
                .logBucket(loggingBucket)
                .logFilePrefix(CLOUDFRONT_LOGS)
                .build();
        NagSuppressions.addResourceSuppressions(
                reportsDistribution,
                List.of(
                        NagPackSuppression.builder()
                                .id("AwsSolutions-CFR1")
                                .reason(
                                        "The reports are for the application's users wherever they are: no country is excluded.")
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-CFR2")
                                .reason(
                                        "The distribution serves static, read-only report files from S3 (no forms, no "
                                                + "queries reach an origin that runs code); a WAF web ACL adds cost without a rule to apply.")
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-CFR4")
                                .reason(
                                        "The reports use the distribution's default *.cloudfront.net name, whose certificate "
                                                + "CloudFront serves with its fixed policy; a custom reports domain is not in the document.")
                                .build()),
                true);
    }

    /**
     * Lets Elastic Load Balancing write ALB1's access logs under alb/. Regions older than August 2022 deliver as a
     * regional ELB account, newer ones as the log delivery service. The synth stays environment-agnostic: the account
     * comes from a mapping of the regions that have one (CDK's region table), read with a default ("none"), so a region
     * missing from it (every newer one, and any region newer than this CDK version) gets the service principal alone
     * instead of a failed Fn::FindInMap. The default needs the AWS::LanguageExtensions transform, which CDK adds.
     */
    private void allowLoadBalancerLogs() {
        var region = Stack.of(this).getRegion();
        String elbAccount;
        if (Token.isUnresolved(region)) {
            var accounts = new TreeMap<String, Map<String, Object>>();
            RegionInfo.regionMap(FactName.ELBV2_ACCOUNT)
                    .forEach((name, account) -> accounts.put(name, Map.<String, Object>of("account", account)));
            var table = CfnMapping.Builder.create(this, "ElbAccounts")
                    .mapping(accounts)
                    .build();
            elbAccount = Fn.findInMap(table.getLogicalId(), Aws.REGION, "account", "none");
        } else {
            elbAccount = Objects.requireNonNullElse(RegionInfo.get(region).getElbv2Account(), "none");
        }
        var hasElbAccount = CfnCondition.Builder.create(this, "RegionHasElbAccount")
                .expression(Fn.conditionNot(Fn.conditionEquals(elbAccount, "none")))
                .build();
        var regionalAccount = Token.asString(Fn.conditionIf(
                hasElbAccount.getLogicalId(),
                "arn:" + Aws.PARTITION + ":iam::" + elbAccount + ":root",
                // No regional account: a no-op stand-in (our own account already has access).
                "arn:" + Aws.PARTITION + ":iam::" + Aws.ACCOUNT_ID + ":root"));
        loggingBucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("ElbAccessLogDelivery")
                .effect(Effect.ALLOW)
                .principals(List.of(
                        new ArnPrincipal(regionalAccount),
                        new ServicePrincipal("logdelivery.elasticloadbalancing.amazonaws.com")))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(loggingBucket.arnForObjects(ALB_LOGS + "/AWSLogs/" + Aws.ACCOUNT_ID + "/*")))
                .build());
    }

    /** reports/latest/ changes daily: cache for minutes, not CloudFront's default day. */
    private CachePolicy reportsCachePolicy() {
        return CachePolicy.Builder.create(this, "reports_cache_policy")
                .comment("myamazingapp reports: latest/ is replaced daily")
                .defaultTtl(Duration.minutes(5))
                .minTtl(Duration.seconds(0))
                .maxTtl(Duration.days(1))
                .enableAcceptEncodingGzip(true)
                .enableAcceptEncodingBrotli(true)
                .build();
    }

    public Bucket loggingBucket() {
        return loggingBucket;
    }

    public Bucket dataBucket() {
        return dataBucket;
    }

    public Bucket reportsBucket() {
        return reportsBucket;
    }

    public Distribution reportsDistribution() {
        return reportsDistribution;
    }

    /** REPORTS_URL of the application. */
    public String reportsUrl() {
        return "https://" + reportsDistribution.getDistributionDomainName();
    }
}
