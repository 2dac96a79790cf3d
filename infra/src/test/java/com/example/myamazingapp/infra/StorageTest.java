package com.example.myamazingapp.infra;

import static com.example.myamazingapp.infra.Synthesized.application;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.s3.IBucket;

/** myamazingapp_logging_bucket, myamazingapp_data_bucket, myamazingapp_reports_cf_origin_bucket and its CloudFront. */
class StorageTest {

    static Storage storage(String env) {
        return Synthesized.environment(env).application().storage();
    }

    static Object ref(String env, IBucket bucket) {
        return Synthesized.resolve(env, bucket.getBucketName());
    }

    static Object arn(String env, IBucket bucket) {
        return Synthesized.resolve(env, bucket.getBucketArn());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> bucketProperties(String env, IBucket bucket) {
        var logicalId = ((Map<String, Object>) ref(env, bucket)).get("Ref");
        var resource = (Map<String, Object>)
                application(env).findResources("AWS::S3::Bucket").get(logicalId);
        return (Map<String, Object>) resource.get("Properties");
    }

    static List<IBucket> buckets(String env) {
        var s = storage(env);
        return List.of(s.loggingBucket(), s.dataBucket(), s.reportsBucket());
    }

    @ParameterizedTest(name = "{0}: the three buckets block all public access and are encrypted")
    @ValueSource(strings = {"qa", "prod"})
    void privateAndEncrypted(String env) {
        application(env).resourceCountIs("AWS::S3::Bucket", 3);
        for (var bucket : buckets(env)) {
            assertThat(bucketProperties(env, bucket))
                    .containsEntry(
                            "PublicAccessBlockConfiguration",
                            Map.of(
                                    "BlockPublicAcls",
                                    true,
                                    "BlockPublicPolicy",
                                    true,
                                    "IgnorePublicAcls",
                                    true,
                                    "RestrictPublicBuckets",
                                    true))
                    .containsKey("BucketEncryption");
        }
    }

    @ParameterizedTest(name = "{0}: the three buckets refuse requests without TLS")
    @ValueSource(strings = {"qa", "prod"})
    void tlsOnly(String env) {
        for (var bucket : buckets(env)) {
            application(env)
                    .hasResourceProperties(
                            "AWS::S3::BucketPolicy",
                            Map.of(
                                    "Bucket", ref(env, bucket),
                                    "PolicyDocument",
                                            Map.of(
                                                    "Statement",
                                                    Match.arrayWith(List.of(Match.objectLike(Map.of(
                                                            "Effect", "Deny",
                                                            "Action", "s3:*",
                                                            "Condition",
                                                                    Map.of(
                                                                            "Bool",
                                                                            Map.of(
                                                                                    "aws:SecureTransport",
                                                                                    "false")))))))));
        }
    }

    @ParameterizedTest(name = "{0}: myamazingapp_data_bucket is versioned and logs its access under s3-access/data/")
    @ValueSource(strings = {"qa", "prod"})
    void dataBucket(String env) {
        var s = storage(env);
        assertThat(bucketProperties(env, s.dataBucket()))
                .containsEntry("VersioningConfiguration", Map.of("Status", "Enabled"))
                .containsEntry(
                        "LoggingConfiguration",
                        Map.of(
                                "DestinationBucketName",
                                ref(env, s.loggingBucket()),
                                "LogFilePrefix",
                                "s3-access/data/"));
        assertThat(bucketProperties(env, s.reportsBucket()))
                .containsEntry(
                        "LoggingConfiguration",
                        Map.of(
                                "DestinationBucketName",
                                ref(env, s.loggingBucket()),
                                "LogFilePrefix",
                                "s3-access/reports/"));
    }

    @ParameterizedTest(
            name =
                    "{0}: myamazingapp_logging_bucket moves logs to infrequent access after logTransitionDays, then expires them after logArchiveDays")
    @CsvSource({"qa, 60, 90", "prod, 180, 365"})
    void loggingLifecycle(String env, int transitionDays, int archiveDays) {
        application(env).hasResourceProperties("AWS::S3::Bucket", loggingLifecycle(transitionDays, archiveDays));
    }

    /** The logging bucket's one lifecycle rule (its id is the logging bucket's alone). */
    static Map<String, Object> loggingLifecycle(int transitionDays, int archiveDays) {
        return Map.of(
                "LifecycleConfiguration",
                Map.of(
                        "Rules",
                        List.of(Map.of(
                                "Id",
                                "archive-then-expire",
                                "Status",
                                "Enabled",
                                "Transitions",
                                List.of(Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", transitionDays)),
                                "ExpirationInDays",
                                archiveDays,
                                "AbortIncompleteMultipartUpload",
                                Map.of("DaysAfterInitiation", 1)))));
    }

    @ParameterizedTest(
            name = "{0}: the logging bucket lets Elastic Load Balancing write ALB1's logs under alb/, and nothing more")
    @ValueSource(strings = {"qa", "prod"})
    void loadBalancerLogDelivery(String env) {
        var logging = storage(env).loggingBucket();
        application(env)
                .hasResourceProperties(
                        "AWS::S3::BucketPolicy",
                        Map.of(
                                "Bucket", ref(env, logging),
                                "PolicyDocument",
                                        Map.of(
                                                "Statement",
                                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                                        "Sid", "ElbAccessLogDelivery",
                                                        "Effect", "Allow",
                                                        "Action", "s3:PutObject",
                                                        "Principal",
                                                                Match.objectLike(
                                                                        Map.of(
                                                                                "Service",
                                                                                "logdelivery.elasticloadbalancing.amazonaws.com")),
                                                        "Resource",
                                                                Map.of(
                                                                        "Fn::Join",
                                                                        List.of(
                                                                                "",
                                                                                List.of(
                                                                                        arn(env, logging),
                                                                                        "/alb/AWSLogs/",
                                                                                        Map.of("Ref", "AWS::AccountId"),
                                                                                        "/*"))))))))));
        // The regional ELB accounts come from a mapping, so the synth needs no region.
        assertThat(application(env).findMappings("*")).isNotEmpty();
    }

    @ParameterizedTest(
            name =
                    "{0}: environment-agnostic, a region missing from the ELB account table (every region from August 2022 on) reads 'none' instead of failing, and gets the log delivery service principal alone")
    @ValueSource(strings = {"qa", "prod"})
    void loadBalancerLogsInRegionsWithoutElbAccount(String env) {
        var template = application(env);
        var mappings = template.findMappings("*", Map.of("us-east-1", Map.of("account", "127311923021")));
        assertThat(mappings).hasSize(1);
        var table = mappings.keySet().iterator().next();
        assertThat(mappings.get(table)).doesNotContainKeys("ap-south-2", "il-central-1");
        var lookup = Map.of(
                "Fn::FindInMap",
                List.of(table, Map.of("Ref", "AWS::Region"), "account", Map.of("DefaultValue", "none")));
        assertThat(template.findConditions(
                        "*", Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(lookup, "none"))))))
                .hasSize(1);
        // Fn::FindInMap's DefaultValue is a language extension.
        assertThat(template.toJSON().get("Transform").toString()).contains("AWS::LanguageExtensions");
    }

    @ParameterizedTest(
            name =
                    "synthesized for {0}, a region without an ELB account, the ALB logs are granted to the log delivery service; for {1}, to ELB account {2}")
    @CsvSource({"ap-south-2, eu-west-1, 156460612806", "il-central-1, us-east-1, 127311923021"})
    void loadBalancerLogsInANamedRegion(String newRegion, String oldRegion, String elbAccount) {
        var app = Synthesized.appWithNag(Map.of(
                "environments.qa.region", newRegion,
                "environments.prod.region", oldRegion));
        var qa = EnvironmentStacks.create(app, EnvironmentConfig.fromContext(app.getNode(), "qa"));
        var prod = EnvironmentStacks.create(app, EnvironmentConfig.fromContext(app.getNode(), "prod"));
        var newer = Template.fromStack(qa.application());
        var older = Template.fromStack(prod.application());
        var delivery = Match.objectLike(Map.of(
                "Sid",
                "ElbAccessLogDelivery",
                "Principal",
                Match.objectLike(Map.of("Service", "logdelivery.elasticloadbalancing.amazonaws.com"))));
        for (var template : List.of(newer, older)) {
            template.hasResourceProperties(
                    "AWS::S3::BucketPolicy",
                    Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(delivery)))));
        }
        assertThat(newer.findConditions("*", Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of("none", "none"))))))
                .hasSize(1);
        assertThat(older.findConditions(
                        "*", Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(elbAccount, "none"))))))
                .hasSize(1);
        assertThat(newer.findMappings("*")).isEmpty();
    }

    @ParameterizedTest(
            name =
                    "{0}: the reports are served only through CloudFront: origin access control, origin path /reports, index.html, HTTPS only, logs under cloudfront/")
    @ValueSource(strings = {"qa", "prod"})
    void reportsDistribution(String env) {
        var t = application(env);
        t.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
        t.hasResourceProperties(
                "AWS::CloudFront::Distribution",
                Map.of(
                        "DistributionConfig",
                        Match.objectLike(Map.of(
                                "DefaultRootObject", "index.html",
                                "Origins",
                                        List.of(Match.objectLike(Map.of(
                                                "OriginPath", "/reports",
                                                "OriginAccessControlId", Match.anyValue(),
                                                "S3OriginConfig", Map.of("OriginAccessIdentity", "")))),
                                "DefaultCacheBehavior",
                                        Match.objectLike(Map.of(
                                                "ViewerProtocolPolicy",
                                                "https-only",
                                                "FunctionAssociations",
                                                List.of(Match.objectLike(Map.of("EventType", "viewer-request"))))),
                                "Logging",
                                        Map.of(
                                                "Bucket",
                                                Map.of(
                                                        "Fn::GetAtt",
                                                        List.of(
                                                                ((Map<?, ?>) ref(
                                                                                env,
                                                                                storage(env)
                                                                                        .loggingBucket()))
                                                                        .get("Ref"),
                                                                "RegionalDomainName")),
                                                "Prefix",
                                                "cloudfront/")))));
        // Only the distribution may read the reports bucket.
        t.hasResourceProperties(
                "AWS::S3::BucketPolicy",
                Map.of(
                        "Bucket", ref(env, storage(env).reportsBucket()),
                        "PolicyDocument",
                                Map.of(
                                        "Statement",
                                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                                "Effect",
                                                "Allow",
                                                "Action",
                                                "s3:GetObject",
                                                "Principal",
                                                Map.of("Service", "cloudfront.amazonaws.com"),
                                                "Condition",
                                                Match.objectLike(Map.of(
                                                        "StringEquals",
                                                        Match.objectLike(
                                                                Map.of("AWS:SourceArn", Match.anyValue())))))))))));
    }

    @ParameterizedTest(name = "{0}: buckets are retained when the prod stack is deleted, removed with qa's")
    @ValueSource(strings = {"qa", "prod"})
    void removalPolicy(String env) {
        var policy = env.equals("prod") ? "Retain" : "Delete";
        assertThat(application(env)
                        .findResources(
                                "AWS::S3::Bucket",
                                Match.objectLike(Map.of("DeletionPolicy", policy, "UpdateReplacePolicy", policy))))
                .hasSize(3);
    }
}
