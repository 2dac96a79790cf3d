package com.example.myamazingapp.infra;

import static com.example.myamazingapp.infra.Synthesized.application;
import static com.example.myamazingapp.infra.Synthesized.resolve;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Match;

/** The document's "RDS DB Instance Details". */
@SuppressWarnings("unchecked")
class DatabaseTest {

    @ParameterizedTest(
            name =
                    "{0}: RDS_DB_instance1 is StorageEncrypted, PostgreSQL 17 like the app's embedded PostgreSQL, pinned to the major version with minor upgrades on, the smallest Graviton class; Multi-AZ in prod, single-AZ in qa (a cost option)")
    @ValueSource(strings = {"qa", "prod"})
    void multiAzEncryptedPostgres17(String env) {
        application(env).resourceCountIs("AWS::RDS::DBInstance", 1);
        application(env)
                .hasResourceProperties(
                        "AWS::RDS::DBInstance",
                        Map.of(
                                "MultiAZ",
                                env.equals("prod"),
                                "StorageEncrypted",
                                true,
                                "Engine",
                                "postgres",
                                "EngineVersion",
                                "17",
                                "AutoMinorVersionUpgrade",
                                true,
                                "DBName",
                                "myamazingapp",
                                "DBInstanceClass",
                                "db.t4g.micro"));
    }

    @ParameterizedTest(name = "{0}: Database Insights standard (Performance Insights' free 7 days) is on")
    @ValueSource(strings = {"qa", "prod"})
    void databaseInsights(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::RDS::DBInstance",
                        Map.of(
                                "EnablePerformanceInsights",
                                true,
                                "PerformanceInsightsRetentionPeriod",
                                7,
                                "DatabaseInsightsMode",
                                "standard"));
    }

    @ParameterizedTest(
            name =
                    "{0}: RDS_DB_instance1 is in db_subnetgroup1 over private_subnet1 and private_subnet2, behind private_subnets_access")
    @ValueSource(strings = {"qa", "prod"})
    void subnetGroupAndSecurityGroup(String env) {
        var app = Synthesized.environment(env).application();
        var privateSubnets = app.network().vpc().getPrivateSubnets().stream()
                .map(subnet -> resolve(env, subnet.getSubnetId()))
                .toList();
        application(env)
                .hasResourceProperties(
                        "AWS::RDS::DBSubnetGroup", Map.of("SubnetIds", Match.arrayEquals(privateSubnets)));
        application(env)
                .hasResourceProperties(
                        "AWS::RDS::DBInstance",
                        Map.of(
                                "VPCSecurityGroups",
                                        List.of(resolve(
                                                env,
                                                app.network()
                                                        .privateSubnetsAccess()
                                                        .getSecurityGroupId())),
                                "PubliclyAccessible", Match.absent()));
    }

    @ParameterizedTest(
            name =
                    "{0}: automated backups kept at least 7 days, deletion protection on in prod, logs exported to CloudWatch")
    @ValueSource(strings = {"qa", "prod"})
    void backupsProtectionLogs(String env) {
        var prod = env.equals("prod");
        application(env)
                .hasResourceProperties(
                        "AWS::RDS::DBInstance",
                        Map.of(
                                "BackupRetentionPeriod",
                                prod ? 14 : 7,
                                "DeletionProtection",
                                prod,
                                "EnableCloudwatchLogsExports",
                                List.of("postgresql", "upgrade")));
        application(env)
                .hasResourceProperties(
                        "AWS::Logs::LogGroup",
                        Map.of(
                                "LogGroupName",
                                "/aws/rds/instance/myamazingapp-" + env + "/postgresql",
                                "RetentionInDays",
                                prod ? 90 : 30));
        application(env)
                .hasResource(
                        "AWS::RDS::DBInstance",
                        Match.objectLike(Map.of("DeletionPolicy", prod ? "Retain" : "Snapshot")));
    }

    @ParameterizedTest(
            name =
                    "{0}: RDS manages and rotates the master password in a secret of its own; no password, no master secret and no rotation function in the template")
    @ValueSource(strings = {"qa", "prod"})
    void masterPasswordManagedByRds(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::RDS::DBInstance",
                        Map.of(
                                "ManageMasterUserPassword",
                                true,
                                "MasterUsername",
                                Database.MASTER_USER,
                                "MasterUserPassword",
                                Match.absent()));
        application(env)
                .resourcePropertiesCountIs(
                        "AWS::SecretsManager::Secret",
                        Map.of(
                                "GenerateSecretString",
                                Match.objectLike(Map.of("SecretStringTemplate", "{\"username\":\"myamazingapp\"}"))),
                        0);
        application(env).resourceCountIs("AWS::SecretsManager::RotationSchedule", 0);
        application(env).resourceCountIs("AWS::Serverless::Application", 0);
    }

    @ParameterizedTest(
            name =
                    "{0}: a task started after a rotation gets what it needs: FLYWAY_USER is the master user, FLYWAY_PASSWORD the managed secret's password key, the host and port the instance's endpoint")
    @ValueSource(strings = {"qa", "prod"})
    void tasksReadTheManagedSecret(String env) {
        var instanceId = Synthesized.stack(env).getLogicalId((CfnElement)
                Synthesized.stack(env).database().instance().getNode().getDefaultChild());
        var container = ServiceTest.container(env);
        var environment = ((List<Map<String, Object>>) container.get("Environment"))
                .stream().collect(Collectors.toMap(v -> v.get("Name").toString(), v -> v.get("Value")));
        assertThat(environment)
                .containsEntry("FLYWAY_USER", Database.MASTER_USER)
                .containsEntry("DATABASE_HOST", Map.of("Fn::GetAtt", List.of(instanceId, "Endpoint.Address")))
                .containsEntry("DATABASE_PORT", Map.of("Fn::GetAtt", List.of(instanceId, "Endpoint.Port")));
        var flyway = ((List<Map<String, Object>>) container.get("Secrets"))
                .stream()
                        .filter(v -> v.get("Name").equals("FLYWAY_PASSWORD"))
                        .findFirst()
                        .orElseThrow()
                        .get("ValueFrom");
        assertThat(flyway)
                .as("the password key of the secret RDS manages, read at the task's start")
                .isEqualTo(Map.of(
                        "Fn::Join",
                        List.of(
                                "",
                                List.of(
                                        Map.of("Fn::GetAtt", List.of(instanceId, "MasterUserSecret.SecretArn")),
                                        ":password::"))));
    }

    @ParameterizedTest(
            name =
                    "{0}: the application's role has a generated password of its own in Secrets Manager, never in the template")
    @ValueSource(strings = {"qa", "prod"})
    void applicationRoleSecret(String env) {
        application(env).resourceCountIs("AWS::SecretsManager::Secret", 1);
        application(env)
                .hasResourceProperties(
                        "AWS::SecretsManager::Secret",
                        Map.of(
                                "GenerateSecretString",
                                Match.objectLike(Map.of(
                                        "SecretStringTemplate", "{\"username\":\"myamazingapp_app\"}",
                                        "GenerateStringKey", "password"))));
    }
}
