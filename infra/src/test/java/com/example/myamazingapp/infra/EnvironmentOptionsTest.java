package com.example.myamazingapp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The optional settings, in one synthesized environment that uses them all: an existing certificate, a hosted zone, the
 * document's qa_db_passwd SecureString, an account and a region, report settings; prod with Container Insights on, WAF
 * counting only and a longer backup retention.
 */
class EnvironmentOptionsTest {

    static final String CERTIFICATE =
            "arn:aws:acm:eu-west-1:123456789012:certificate/0b1c2d3e-aaaa-bbbb-cccc-123456789abc";

    static EnvironmentStacks stacks;
    static Template template;
    static Template zoneOnly;

    /** Synthesizes once per test JVM; EnvironmentContractTest reads the same task definition, every option set. */
    @BeforeAll
    static synchronized void synthesize() {
        if (template != null) {
            return;
        }
        var app = Synthesized.appWithNag(Map.ofEntries(
                Map.entry("environments.qa.account", "123456789012"),
                Map.entry("environments.qa.region", "eu-west-1"),
                Map.entry("environments.qa.certificateArn", CERTIFICATE),
                Map.entry("environments.qa.hostedZoneId", "Z0123456789ABCDEFGHIJ"),
                Map.entry("environments.qa.hostedZoneName", "myamazingapp.example.com"),
                Map.entry("environments.qa.dbPasswordParameter", "qa_db_passwd"),
                // A JSON array, as in cdk.json's environments.qa.reportAdmins.
                Map.entry(
                        "environments.qa.reportAdmins", List.of("ops@myamazingapp.example.com", " Lead@Example.org ")),
                Map.entry("environments.qa.logRetentionDays", 14),
                Map.entry("environments.qa.logTransitionDays", 45),
                Map.entry("environments.qa.logArchiveDays", 120),
                Map.entry("environments.qa.reportSchedule", "0 0 4 * * *"),
                Map.entry("environments.prod.containerInsights", true),
                Map.entry("environments.prod.wafCountOnly", true),
                Map.entry("environments.prod.wafSignInLimit", 50),
                Map.entry("environments.prod.backupRetentionDays", 60),
                Map.entry("environments.prod.hostedZoneId", "Z0123456789ABCDEFGHIJ"),
                Map.entry("environments.prod.hostedZoneName", "myamazingapp.example.com")));
        stacks = EnvironmentStacks.create(app, EnvironmentConfig.fromContext(app.getNode(), "qa"));
        var prod = EnvironmentStacks.create(app, EnvironmentConfig.fromContext(app.getNode(), "prod"));
        template = Template.fromStack(stacks.application());
        zoneOnly = Template.fromStack(prod.application());
        for (var stack : List.of(stacks.application(), prod.application())) {
            assertThat(Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                    .isEmpty();
            assertThat(Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                    .isEmpty();
        }
    }

    @Test
    void containerInsightsIsASwitch() {
        zoneOnly.hasResourceProperties(
                "AWS::ECS::Cluster",
                Map.of("ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled"))));
    }

    @Test
    void wafAndBackupsFollowTheirSettings() {
        var acl = zoneOnly.findResources("AWS::WAFv2::WebACL").toString();
        assertThat(acl).contains("OverrideAction={Count={}}", "Action={Count={}}", "Limit=50");
        assertThat(acl).doesNotContain("Block=", "None={}");
        zoneOnly.hasResourceProperties(
                "AWS::Backup::BackupPlan",
                Map.of(
                        "BackupPlan",
                        Match.objectLike(Map.of(
                                "BackupPlanRule",
                                List.of(Match.objectLike(Map.of("Lifecycle", Map.of("DeleteAfterDays", 60))))))));
    }

    @Test
    void anExistingCertificateArnIsUsedAsItIsAndNoCertificateIsCreated() {
        template.resourceCountIs("AWS::CertificateManager::Certificate", 0);
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener",
                Map.of("Port", 443, "Certificates", List.of(Map.of("CertificateArn", CERTIFICATE))));
    }

    @Test
    void withAHostedZoneTheCertificateIsValidatedInItAndTheDomainPointsAtAlb1() {
        zoneOnly.hasResourceProperties(
                "AWS::CertificateManager::Certificate",
                Map.of(
                        "DomainName", "myamazingapp.example.com",
                        "ValidationMethod", "DNS",
                        "DomainValidationOptions",
                                List.of(Map.of(
                                        "DomainName",
                                        "myamazingapp.example.com",
                                        "HostedZoneId",
                                        "Z0123456789ABCDEFGHIJ"))));
        for (var t : List.of(template, zoneOnly)) {
            t.hasResourceProperties(
                    "AWS::Route53::RecordSet",
                    Map.of(
                            "HostedZoneId", "Z0123456789ABCDEFGHIJ",
                            "Type", "A",
                            "AliasTarget", Match.objectLike(Map.of("DNSName", Match.anyValue()))));
        }
        template.hasResourceProperties("AWS::Route53::RecordSet", Map.of("Name", "qa.myamazingapp.example.com."));
    }

    @Test
    void theDocumentsQaDbPasswdSecureStringIsUsedByRdsAndByTheTask() {
        // The one generated secret is the application role's; the master password is the SecureString.
        template.resourceCountIs("AWS::SecretsManager::Secret", 1);
        template.hasResourceProperties(
                "AWS::RDS::DBInstance",
                Map.of(
                        "MasterUserPassword",
                        "{{resolve:ssm-secure:qa_db_passwd}}",
                        "ManageMasterUserPassword",
                        Match.absent()));
        var container = template.findResources("AWS::ECS::TaskDefinition")
                .values()
                .iterator()
                .next()
                .toString();
        assertThat(container).contains("Name=FLYWAY_PASSWORD", "parameter/qa_db_passwd");
        var executionRole = stacks.application()
                .resolve(stacks.application()
                        .service()
                        .taskDefinition()
                        .getExecutionRole()
                        .getRoleName());
        var policies = template.findResources(
                "AWS::IAM::Policy", Match.objectLike(Map.of("Properties", Map.of("Roles", List.of(executionRole)))));
        assertThat(policies.toString()).contains("ssm:GetParameters", "parameter/qa_db_passwd");
    }

    @Test
    void theAccountAndRegionPinTheStacks() {
        assertThat(stacks.application().getAccount()).isEqualTo("123456789012");
        assertThat(stacks.application().getRegion()).isEqualTo("eu-west-1");
        // With a known region the ELB log account is a literal (eu-west-1's), not a mapping.
        assertThat(template.findResources("AWS::S3::BucketPolicy").toString()).contains("156460612806");
        assertThat(template.findMappings("*")).isEmpty();
    }

    @Test
    void reportAdminsAndScheduleReachTheContainerWhenConfigured() {
        var container = template.findResources("AWS::ECS::TaskDefinition")
                .values()
                .iterator()
                .next()
                .toString();
        assertThat(container)
                .contains(
                        "Name=REPORT_ADMINS, Value=ops@myamazingapp.example.com,Lead@Example.org",
                        "Name=REPORT_SCHEDULE, Value=0 0 4 * * *");
    }

    @Test
    void theConfiguredLogDaysReachTheLoggingBucketsLifecycleAndCloudWatch() {
        template.hasResourceProperties("AWS::S3::Bucket", StorageTest.loggingLifecycle(45, 120));
        template.hasResourceProperties(
                "AWS::Logs::LogGroup", Map.of("LogGroupName", "/myamazingapp/qa/web", "RetentionInDays", 14));
    }
}
