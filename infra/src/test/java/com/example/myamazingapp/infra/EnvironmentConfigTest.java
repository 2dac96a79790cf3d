package com.example.myamazingapp.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.myamazingapp.infra.ops.AlarmThresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** The typed configuration of an environment: cdk.json, -c overrides, clear errors. */
class EnvironmentConfigTest {

    /** Environment {@code env} as infra/cdk.json configures it, with {@code context} over it key by key. */
    static EnvironmentConfig read(String env, Map<String, Object> context) {
        var app = new App(AppProps.builder().context(overCdkJson(context)).build());
        return EnvironmentConfig.fromContext(app.getNode(), env);
    }

    /** cdk.json's context with {@code context} over it; an {@code environments} object replaces single keys only. */
    private static Map<String, Object> overCdkJson(Map<String, Object> context) {
        var merged = new HashMap<>(InfraApp.cdkJsonContext(InfraApp.infraDir().resolve("cdk.json")));
        var environments = new HashMap<String, Object>();
        ((Map<?, ?>) merged.get("environments")).forEach((env, keys) -> environments.put((String) env, keys));
        if (context.get("environments") instanceof Map<?, ?> given) {
            given.forEach((env, keys) -> {
                var one = new HashMap<Object, Object>((Map<?, ?>) environments.get((String) env));
                one.putAll((Map<?, ?>) keys);
                environments.put((String) env, one);
            });
        }
        merged.putAll(context);
        merged.put("environments", environments);
        return merged;
    }

    @Test
    void cdkJsonSetsEverySettingOfQaAndProdForMyamazingappExampleCom() {
        var qa = read("qa", Map.of());
        var prod = read("prod", Map.of());
        assertThat(qa)
                .isEqualTo(new EnvironmentConfig(
                        "qa",
                        null,
                        null,
                        false,
                        new DomainConfig("qa.myamazingapp.example.com", null, null, null),
                        new NetworkConfig(1, "instance", "t4g.nano"),
                        new ServiceConfig(512, 1024, 1, 2, "100MB", true, false),
                        new DatabaseConfig("t4g.micro", 20, 50, false, 7, null),
                        new LogsConfig(30, 60, 90),
                        new ReportsConfig(null, null),
                        new RegistryConfig(20),
                        new OperationsConfig(List.of(), new AlarmThresholds(5, 20, 2, 85, 85, 80, 2, 100, 80)),
                        new FirewallConfig(false, false, 100),
                        new BackupConfig(7, null),
                        new ReleaseConfig(false, 15, "CRITICAL"),
                        new BudgetConfig(65, List.of("ops@myamazingapp.example.com"))));
        assertThat(prod.release().blueGreen()).isTrue();
        assertThat(prod.firewall().enabled()).isTrue();
        assertThat(prod.backup().retentionDays()).isEqualTo(35);
        assertThat(qa.domain().domainName()).isEqualTo("qa.myamazingapp.example.com");
        assertThat(prod.domain().domainName()).isEqualTo("myamazingapp.example.com");
        assertThat(qa.account()).isNull();
        assertThat(qa.region()).isNull();
        assertThat(qa.network().natGateways()).isEqualTo(1);
        assertThat(prod.network().natGateways()).isEqualTo(2);
        assertThat(prod.service().desiredCount()).isEqualTo(2);
        assertThat(qa.database().multiAz()).isFalse();
        assertThat(prod.database().multiAz()).isTrue();
        assertThat(prod.deletionProtection()).isTrue();
        assertThat(qa.deletionProtection()).isFalse();
        assertThat(qa.database().passwordParameter()).isNull();
        assertThat(prod.imageTagParameterName()).isEqualTo("/myamazingapp/prod/image-tag");
        assertThat(prod.url()).isEqualTo("https://myamazingapp.example.com");
        assertThat(List.of(
                        qa.logs().retentionDays(),
                        qa.logs().transitionDays(),
                        qa.logs().archiveDays()))
                .containsExactly(30, 60, 90);
        assertThat(List.of(
                        prod.logs().retentionDays(),
                        prod.logs().transitionDays(),
                        prod.logs().archiveDays()))
                .containsExactly(90, 180, 365);
        assertThat(qa.reports().admins()).isNull();
    }

    @Test
    void cdkJsonIsReadAndItsValuesAreTheOnesTheTemplatesUse() {
        var context = InfraApp.cdkJsonContext(InfraApp.infraDir().resolve("cdk.json"));
        assertThat(context).containsKey("environments");
        var qa = read("qa", context);
        assertThat(qa.name()).isEqualTo("qa");
        assertThat(qa.service().maxCount()).isEqualTo(2);
        assertThat(read("prod", context).service().maxCount()).isEqualTo(6);
        // Named in cdk.json so operators find the key; empty until they name someone (no REPORT_ADMINS).
        assertThat(((Map<?, ?>) ((Map<?, ?>) context.get("environments")).get("prod")).containsKey("reportAdmins"))
                .isTrue();
        assertThat(read("prod", context).reports().admins()).isNull();
    }

    @Test
    void reportAdminsAreAJsonArrayOrACommaSeparatedDashCValue() {
        var fromJson = Map.<String, Object>of(
                "environments",
                Map.of("qa", Map.of("reportAdmins", List.of("ops@myamazingapp.example.com", "lead@example.org"))));
        assertThat(read("qa", fromJson).reports().admins()).isEqualTo("ops@myamazingapp.example.com,lead@example.org");
        assertThat(read("qa", Map.of("environments.qa.reportAdmins", "a@example.org, b@example.org"))
                        .reports()
                        .admins())
                .isEqualTo("a@example.org,b@example.org");
        assertThat(read("qa", Map.of("environments", Map.of("qa", Map.of("reportAdmins", List.of()))))
                        .reports()
                        .admins())
                .isNull();
        assertThatThrownBy(() -> read("qa", Map.of("environments.qa.reportAdmins", List.of("ops", "a@example.org"))))
                .hasMessageContaining("reportAdmins must be e-mail addresses (was ops,a@example.org)");
    }

    @Test
    void aFlatDashCKeyOverridesTheJsonObject() {
        var context = new HashMap<String, Object>(Map.of(
                "environments", Map.of("qa", Map.of("natGateways", 1, "cpu", 512, "memoryMiB", 1024)),
                "environments.qa.natGateways", "2",
                "environments.qa.dbPasswordParameter", "qa_db_passwd",
                "environments.qa.multiAz", "false"));
        var qa = read("qa", context);
        assertThat(qa.network().natGateways()).isEqualTo(2);
        assertThat(qa.database().passwordParameter()).isEqualTo("qa_db_passwd");
        assertThat(qa.database().multiAz()).isFalse();
    }

    @Test
    void everyProblemOfAConfigurationIsNamedInOneError() {
        var context = Map.<String, Object>of(
                "environments",
                Map.of(
                        "qa",
                        Map.of(
                                "account",
                                "12345",
                                "domainName",
                                "Not A Domain",
                                "natGateways",
                                3,
                                "cpu",
                                512,
                                "memoryMiB",
                                512,
                                "desiredCount",
                                3,
                                "maxCount",
                                2,
                                "dbBackupDays",
                                1,
                                "logRetentionDays",
                                31,
                                "hostedZoneId",
                                "Z0123")));
        assertThatThrownBy(() -> read("qa", context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid configuration of environment 'qa':")
                .hasMessageContaining("account must be a 12-digit AWS account id (was 12345)")
                .hasMessageContaining("domainName must be a lower-case DNS name")
                .hasMessageContaining("natGateways must be 1 or 2")
                .hasMessageContaining("cpu/memoryMiB 512/512 is not a Fargate task size")
                .hasMessageContaining("maxCount must be between desiredCount and 20 (was 2)")
                .hasMessageContaining("dbBackupDays must be between 7 and 35 (was 1)")
                .hasMessageContaining("logRetentionDays must be one of")
                .hasMessageContaining("hostedZoneId and hostedZoneName go together");
    }

    @Test
    void aDomainOutsideTheHostedZoneAndAMalformedCertificateArnAreRefused() {
        var context = Map.<String, Object>of(
                "environments.prod.hostedZoneId", "Z0123",
                "environments.prod.hostedZoneName", "other.example.org",
                "environments.prod.certificateArn", "arn:aws:iam::123456789012:server-certificate/x");
        assertThatThrownBy(() -> read("prod", context))
                .hasMessageContaining(
                        "domainName myamazingapp.example.com is not inside hostedZoneName other.example.org")
                .hasMessageContaining("certificateArn must be an ACM certificate ARN");
    }

    @Test
    void cloudWatchMustKeepLogsShorterThanTheS3Archive() {
        assertThatThrownBy(() -> read("prod", Map.of("environments.prod.logRetentionDays", 365)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("""
                        Invalid configuration of environment 'prod':
                         - log days must grow logRetentionDays (365) < logTransitionDays (180) < logArchiveDays (365): \
                        CloudWatch keeps the lines first, the S3 archive then moves them to Standard-IA and finally \
                        expires them""");
    }

    @Test
    void theTransitionToInfrequentAccessComesAfterCloudWatchAndBeforeExpiry() {
        assertThatThrownBy(() -> read("qa", Map.of("environments.qa.logTransitionDays", 30)))
                .hasMessageContaining("logRetentionDays (30) < logTransitionDays (30) < logArchiveDays (90)");
        assertThatThrownBy(() -> read("qa", Map.of("environments.qa.logTransitionDays", 90)))
                .hasMessageContaining("logRetentionDays (30) < logTransitionDays (90) < logArchiveDays (90)");
        assertThatThrownBy(() -> read(
                        "qa", Map.of("environments.qa.logRetentionDays", 14, "environments.qa.logTransitionDays", 20)))
                .hasMessageContaining(
                        "logTransitionDays must be at least 30: S3 moves objects to Standard-IA no sooner (was 20)")
                .hasMessageNotContaining("log days must grow");
        var ok = read(
                "prod", Map.of("environments.prod.logTransitionDays", "120", "environments.prod.logArchiveDays", 730));
        assertThat(List.of(
                        ok.logs().retentionDays(),
                        ok.logs().transitionDays(),
                        ok.logs().archiveDays()))
                .containsExactly(90, 120, 730);
    }

    @Test
    void aSettingMissingFromTheContextIsRefusedAndEveryMissingKeyIsNamed() {
        var app = new App(AppProps.builder()
                .context(Map.of("environments", Map.of("qa", Map.of("domainName", "qa.myamazingapp.example.com"))))
                .build());
        assertThatThrownBy(() -> EnvironmentConfig.fromContext(app.getNode(), "qa"))
                .hasMessage("Invalid configuration of environment 'qa': deletionProtection, natGateways, natProvider, "
                        + "natInstanceType, cpu, memoryMiB, desiredCount, maxCount, maxUploadSize, fargateSpot, "
                        + "containerInsights, dbInstanceClass, dbStorageGiB, "
                        + "dbMaxStorageGiB, multiAz, dbBackupDays, logRetentionDays, logTransitionDays, logArchiveDays, "
                        + "ecrKeepImages, alarmErrorRatePercent, alarmMinRequests, alarmP99Millis, "
                        + "alarmServiceCpuPercent, alarmServiceMemoryPercent, alarmDbCpuPercent, alarmDbFreeStorageGiB, "
                        + "alarmDbFreeableMemoryMiB, alarmDbConnections, wafEnabled, wafCountOnly, wafSignInLimit, "
                        + "backupRetentionDays, blueGreen, bakeMinutes, scanBlockSeverity, monthlyBudgetUsd are missing: infra/cdk.json sets every key of "
                        + "every environment");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithItsKey() {
        assertThatThrownBy(() -> read("qa", Map.of("environments.qa.desiredCount", "two")))
                .hasMessage("Invalid configuration of environment 'qa': desiredCount must be a whole number (was two)");
        assertThatThrownBy(() -> read("qa", Map.of("environments.qa.multiAz", "yes")))
                .hasMessage("Invalid configuration of environment 'qa': multiAz must be true or false (was yes)");
    }

    @Test
    void aBrokenCdkJsonIsReportedWithItsPath(@TempDir Path dir) throws Exception {
        var cdkJson = Files.writeString(dir.resolve("cdk.json"), "{ \"context\": ");
        assertThatThrownBy(() -> InfraApp.cdkJsonContext(cdkJson)).hasMessageStartingWith("cannot read " + cdkJson);
    }
}
