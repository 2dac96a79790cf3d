package com.example.myamazingapp.infra;

import static com.example.myamazingapp.infra.Synthesized.application;
import static com.example.myamazingapp.infra.Synthesized.resolve;
import static com.example.myamazingapp.infra.Synthesized.stack;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** Protect the front door: AWS WAF on ALB1 in prod. */
class WebFirewallTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> rule(String name) {
        var acl = (Map<String, Object>) application("prod")
                .findResources("AWS::WAFv2::WebACL")
                .values()
                .iterator()
                .next();
        var rules = (List<Map<String, Object>>) ((Map<String, Object>) acl.get("Properties")).get("Rules");
        return rules.stream()
                .filter(r -> r.get("Name").equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void prodHasARegionalWebAclOnItsLoadBalancerAndQaHasNone() {
        application("prod").resourceCountIs("AWS::WAFv2::WebACL", 1);
        application("prod")
                .hasResourceProperties(
                        "AWS::WAFv2::WebACL",
                        Map.of(
                                "Name",
                                "myamazingapp-prod",
                                "Scope",
                                "REGIONAL",
                                "DefaultAction",
                                Map.of("Allow", Map.of())));
        application("prod")
                .hasResourceProperties(
                        "AWS::WAFv2::WebACLAssociation",
                        Map.of(
                                "ResourceArn",
                                resolve(
                                        "prod",
                                        stack("prod")
                                                .loadBalancer()
                                                .loadBalancer()
                                                .getLoadBalancerArn()),
                                "WebACLArn",
                                Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of("Arn"))))));
        application("qa").resourceCountIs("AWS::WAFv2::WebACL", 0);
    }

    @Test
    void awsManagedRuleGroupsBlock() {
        for (var group : List.of(
                "AWSManagedRulesAmazonIpReputationList",
                "AWSManagedRulesKnownBadInputsRuleSet",
                "AWSManagedRulesCommonRuleSet")) {
            var rule = rule(group);
            assertThat(rule.get("OverrideAction")).isEqualTo(Map.of("None", Map.of()));
            assertThat(rule.get("Statement").toString()).contains("VendorName=AWS", "Name=" + group);
        }
    }

    @Test
    void theCommonRuleSetBlocksBodiesOver8KiBExceptUploadsWithItsOwnSizeRule() {
        var statement = rule("AWSManagedRulesCommonRuleSet").get("Statement").toString();
        assertThat(statement)
                .contains("ScopeDownStatement={NotStatement=")
                .contains("SearchString=/api/files", "SearchString=/files", "SearchString=PUT", "SearchString=POST")
                // SizeRestrictions_BODY (bodies over 8 KB) keeps its Block: no override counts it.
                .doesNotContain("RuleActionOverrides", "ExcludedRules");
    }

    @Test
    void fourRulesEachBilledMonthly() {
        var acl = (Map<?, ?>) application("prod")
                .findResources("AWS::WAFv2::WebACL")
                .values()
                .iterator()
                .next();
        var rules = (List<?>) ((Map<?, ?>) acl.get("Properties")).get("Rules");
        assertThat(rules.stream().map(r -> String.valueOf(((Map<?, ?>) r).get("Name"))))
                .containsExactly(
                        "AWSManagedRulesAmazonIpReputationList",
                        "AWSManagedRulesKnownBadInputsRuleSet",
                        "AWSManagedRulesCommonRuleSet",
                        "sign-in-rate");
    }

    @Test
    void signInAndSignUpAreRateLimitedPerAddress() {
        var rule = rule("sign-in-rate");
        assertThat(rule.get("Action")).isEqualTo(Map.of("Block", Map.of()));
        assertThat(rule.get("Statement").toString())
                .contains("Limit=100", "AggregateKeyType=IP", "EvaluationWindowSec=300")
                .contains("SearchString=/login", "SearchString=/signup", "SearchString=/api/accounts")
                .contains("SearchString=POST");
    }

    @Test
    void logsGoToTheLoggingBucketUnderWafThroughAnAwsWafLogsStream() {
        var logging = stack("prod").storage().loggingBucket();
        application("prod")
                .hasResourceProperties(
                        "AWS::KinesisFirehose::DeliveryStream",
                        Map.of(
                                "DeliveryStreamName",
                                "aws-waf-logs-myamazingapp-prod",
                                "ExtendedS3DestinationConfiguration",
                                Match.objectLike(Map.of(
                                        "BucketARN",
                                        resolve("prod", logging.getBucketArn()),
                                        "Prefix",
                                        Match.stringLikeRegexp("^waf/.*")))));
        application("prod")
                .hasResourceProperties(
                        "AWS::WAFv2::LoggingConfiguration",
                        Map.of(
                                "LogDestinationConfigs",
                                List.of(Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of("Arn"))))),
                                "RedactedFields",
                                List.of(
                                        Map.of("SingleHeader", Map.of("Name", "authorization")),
                                        Map.of("SingleHeader", Map.of("Name", "cookie")))));
    }
}
