package com.example.myamazingapp.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancer;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iam.ServicePrincipalOpts;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.BufferingHintsProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.wafv2.CfnLoggingConfiguration;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACL.AndStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.ByteMatchStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.FieldToMatchProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.ManagedRuleGroupStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.NotStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.OrStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.OverrideActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RateBasedStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.StatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.TextTransformationProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.VisibilityConfigProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * AWS WAF in front of ALB1: AWS's managed rule groups (IP reputation, known bad inputs, the common rule set) and a
 * per-address rate limit on sign-in and sign-up: four rules, each billed monthly. The common rule set looks at every
 * request but uploads (PUT or POST of a file, whose content may be anything and whose size is the application's
 * MAX_UPLOAD_SIZE), so its 8 KB body-size rule blocks larger bodies everywhere else. In count-only mode every rule only
 * counts, for a first rollout. The logs go to the logging bucket under {@value #LOG_PREFIX} through a Firehose stream:
 * WAF writes only to destinations whose name starts with aws-waf-logs-, which the environment's logging bucket does
 * not.
 */
public class WebFirewall extends Construct {

    public static final String LOG_PREFIX = "waf/";

    /**
     * @param environmentName qa or prod
     * @param countOnly every rule counts instead of blocking (first rollout: watch the metrics, then switch)
     * @param signInLimit requests per address per 5 minutes to sign-in and sign-up (WAF's minimum is 10)
     * @param loadBalancer ALB1
     * @param loggingBucket the environment's logging bucket
     */
    public record Props(
            String environmentName,
            boolean countOnly,
            int signInLimit,
            IApplicationLoadBalancer loadBalancer,
            IBucket loggingBucket) {}

    private final CfnWebACL webAcl;

    public WebFirewall(Construct scope, String id, Props props) {
        super(scope, id);
        var name = "myamazingapp-" + props.environmentName();
        var rules = new ArrayList<RuleProperty>();
        rules.add(managed("AWSManagedRulesAmazonIpReputationList", 0, props, null));
        rules.add(managed("AWSManagedRulesKnownBadInputsRuleSet", 1, props, null));
        // Its SizeRestrictions_BODY blocks bodies over 8 KB; the scope-down leaves uploads (MAX_UPLOAD_SIZE, checked
        // by the application) to the application, so that rule is the body-size limit, without a rule of its own.
        rules.add(managed("AWSManagedRulesCommonRuleSet", 2, props, not(uploads())));
        rules.add(rule(
                "sign-in-rate",
                3,
                props,
                StatementProperty.builder()
                        .rateBasedStatement(RateBasedStatementProperty.builder()
                                .limit(props.signInLimit())
                                .evaluationWindowSec(300)
                                .aggregateKeyType("IP")
                                .scopeDownStatement(and(
                                        method("POST"),
                                        or(
                                                path("/login", "EXACTLY"),
                                                path("/signup", "EXACTLY"),
                                                path("/api/accounts", "EXACTLY"))))
                                .build())
                        .build()));

        webAcl = CfnWebACL.Builder.create(this, "web_acl")
                .name(name)
                .scope("REGIONAL")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build())
                        .build())
                .visibilityConfig(visibility(name))
                .rules(List.copyOf(rules))
                .build();
        CfnWebACLAssociation.Builder.create(this, "association")
                .resourceArn(props.loadBalancer().getLoadBalancerArn())
                .webAclArn(webAcl.getAttrArn())
                .build();
        logs(name, props.loggingBucket());
    }

    private void logs(String name, IBucket bucket) {
        var role = Role.Builder.create(this, "log_delivery_role")
                .description("Firehose writes the web ACL's logs under " + LOG_PREFIX + " of the logging bucket")
                .assumedBy(new ServicePrincipal(
                        "firehose.amazonaws.com",
                        ServicePrincipalOpts.builder()
                                .conditions(Map.of("StringEquals", Map.of("sts:ExternalId", Aws.ACCOUNT_ID)))
                                .build()))
                .inlinePolicies(Map.of(
                        "waf-logs",
                        PolicyDocument.Builder.create()
                                .statements(List.of(
                                        PolicyStatement.Builder.create()
                                                .actions(List.of(
                                                        "s3:GetBucketLocation",
                                                        "s3:ListBucket",
                                                        "s3:ListBucketMultipartUploads"))
                                                .resources(List.of(bucket.getBucketArn()))
                                                .build(),
                                        PolicyStatement.Builder.create()
                                                .actions(List.of(
                                                        "s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload"))
                                                .resources(List.of(bucket.arnForObjects(LOG_PREFIX + "*")))
                                                .build()))
                                .build()))
                .build();
        NagSuppressions.addResourceSuppressions(
                role,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("Firehose names each object it writes (date prefix, random suffix): the role may put, "
                                + "read back and abort uploads of objects under " + LOG_PREFIX + " only")
                        .appliesTo(List.of(RegexAppliesTo.builder()
                                .regex("/^Resource::<.*\\.Arn>\\/waf\\/\\*$/g")
                                .build()))
                        .build()));
        var stream = CfnDeliveryStream.Builder.create(this, "log_delivery")
                .deliveryStreamName("aws-waf-logs-" + name)
                .deliveryStreamType("DirectPut")
                .deliveryStreamEncryptionConfigurationInput(DeliveryStreamEncryptionConfigurationInputProperty.builder()
                        .keyType("AWS_OWNED_CMK")
                        .build())
                .extendedS3DestinationConfiguration(ExtendedS3DestinationConfigurationProperty.builder()
                        .bucketArn(bucket.getBucketArn())
                        .roleArn(role.getRoleArn())
                        .prefix(LOG_PREFIX + "!{timestamp:yyyy/MM/dd}/")
                        .errorOutputPrefix(LOG_PREFIX + "errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/")
                        .compressionFormat("GZIP")
                        .bufferingHints(BufferingHintsProperty.builder()
                                .intervalInSeconds(300)
                                .sizeInMBs(64)
                                .build())
                        .build())
                .build();
        stream.getNode().addDependency(role);
        var logging = CfnLoggingConfiguration.Builder.create(this, "logging")
                .resourceArn(webAcl.getAttrArn())
                .logDestinationConfigs(List.of(stream.getAttrArn()))
                // Credentials and sessions never reach the logs.
                .redactedFields(List.of(redacted("authorization"), redacted("cookie")))
                .build();
        logging.getNode().addDependency(stream);
    }

    private static CfnLoggingConfiguration.FieldToMatchProperty redacted(String header) {
        return CfnLoggingConfiguration.FieldToMatchProperty.builder()
                // A JSON-typed property in CloudFormation's schema: CDK passes a map through with its keys as written.
                .singleHeader(Map.of("Name", header))
                .build();
    }

    private static RuleProperty managed(String group, int priority, Props props, StatementProperty scopeDown) {
        var statement =
                ManagedRuleGroupStatementProperty.builder().vendorName("AWS").name(group);
        if (scopeDown != null) {
            statement.scopeDownStatement(scopeDown);
        }
        OverrideActionProperty override = props.countOnly()
                ? OverrideActionProperty.builder().count(Map.of()).build()
                : OverrideActionProperty.builder().none(Map.of()).build();
        return RuleProperty.builder()
                .name(group)
                .priority(priority)
                .statement(StatementProperty.builder()
                        .managedRuleGroupStatement(statement.build())
                        .build())
                .overrideAction(override)
                .visibilityConfig(visibility(group))
                .build();
    }

    private static RuleProperty rule(String name, int priority, Props props, StatementProperty statement) {
        RuleActionProperty action = props.countOnly()
                ? RuleActionProperty.builder()
                        .count(CfnWebACL.CountActionProperty.builder().build())
                        .build()
                : RuleActionProperty.builder()
                        .block(CfnWebACL.BlockActionProperty.builder().build())
                        .build();
        return RuleProperty.builder()
                .name(name)
                .priority(priority)
                .statement(statement)
                .action(action)
                .visibilityConfig(visibility(name))
                .build();
    }

    /** The requests that carry a file: PUT or POST under /api/files, POST under /files (the page's form). */
    private static StatementProperty uploads() {
        return and(
                or(method("PUT"), method("POST")),
                or(path("/api/files", "STARTS_WITH"), path("/files", "STARTS_WITH")));
    }

    private static StatementProperty method(String method) {
        return byteMatch(FieldToMatchProperty.builder().method(Map.of()).build(), method, "EXACTLY");
    }

    private static StatementProperty path(String path, String constraint) {
        return byteMatch(FieldToMatchProperty.builder().uriPath(Map.of()).build(), path, constraint);
    }

    private static StatementProperty byteMatch(FieldToMatchProperty field, String value, String constraint) {
        return StatementProperty.builder()
                .byteMatchStatement(ByteMatchStatementProperty.builder()
                        .fieldToMatch(field)
                        .searchString(value)
                        .positionalConstraint(constraint)
                        .textTransformations(List.of(none()))
                        .build())
                .build();
    }

    private static StatementProperty and(StatementProperty... statements) {
        return StatementProperty.builder()
                .andStatement(AndStatementProperty.builder()
                        .statements(List.of(statements))
                        .build())
                .build();
    }

    private static StatementProperty or(StatementProperty... statements) {
        return StatementProperty.builder()
                .orStatement(OrStatementProperty.builder()
                        .statements(List.of(statements))
                        .build())
                .build();
    }

    private static StatementProperty not(StatementProperty statement) {
        return StatementProperty.builder()
                .notStatement(
                        NotStatementProperty.builder().statement(statement).build())
                .build();
    }

    private static TextTransformationProperty none() {
        return TextTransformationProperty.builder().priority(0).type("NONE").build();
    }

    private static VisibilityConfigProperty visibility(String metricName) {
        return VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .metricName(metricName)
                .sampledRequestsEnabled(true)
                .build();
    }

    public CfnWebACL webAcl() {
        return webAcl;
    }
}
