package com.example.myamazingapp.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.rds.CaCertificate;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInsightsMode;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.DatabaseSecret;
import software.amazon.awscdk.services.rds.PerformanceInsightRetention;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.rds.SubnetGroup;
import software.amazon.awscdk.services.ssm.SecureStringParameterAttributes;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The document's RDS_DB_instance1: PostgreSQL 17 (the major version of the application's embedded PostgreSQL, pinned as
 * the major version alone so that a retired minor never stops a new environment; minors are applied automatically in
 * the maintenance window), Multi-AZ (the standby is the document's RDS_DB_standby_replica), encrypted, in
 * db_subnetgroup1 over the two private subnets, behind private_subnets_access.
 */
public class Database extends Construct {

    public static final String DATABASE_NAME = "myamazingapp";
    public static final String MASTER_USER = "myamazingapp";
    /** The tasks' login: reads and writes the tables, owns nothing (the application creates it at start). */
    public static final String APPLICATION_USER = "myamazingapp_app";

    private static final List<String> LOG_EXPORTS = List.of("postgresql", "upgrade");

    private final DatabaseInstance instance;
    private final Secret ownerPassword;
    private final DatabaseSecret applicationCredentials;

    public Database(Construct scope, String id, EnvironmentConfig config, Vpc vpc, SecurityGroup privateSubnetsAccess) {
        super(scope, id);
        var identifier = "myamazingapp-" + config.name();
        var removal = config.deletionProtection() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

        var subnetGroup = SubnetGroup.Builder.create(this, "db_subnetgroup1")
                .vpc(vpc)
                .vpcSubnets(Network.privateSubnets())
                .description("db_subnetgroup1: private_subnet1 and private_subnet2")
                .removalPolicy(removal)
                .build();

        instance = DatabaseInstance.Builder.create(this, "RDS_DB_instance1")
                .instanceIdentifier(identifier)
                .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                        // The major version only: RDS creates with its default 17.x and upgrades minors itself.
                        .version(PostgresEngineVersion.VER_17)
                        .build()))
                .instanceType(new InstanceType(config.database().instanceClass()))
                .vpc(vpc)
                .subnetGroup(subnetGroup)
                .securityGroups(List.of(privateSubnetsAccess))
                .port(Network.DATABASE_PORT)
                .multiAz(config.database().multiAz())
                .storageEncrypted(true)
                .storageType(StorageType.GP3)
                .allocatedStorage(config.database().storageGiB())
                .maxAllocatedStorage(config.database().maxStorageGiB())
                .databaseName(DATABASE_NAME)
                .credentials(credentials(config))
                // RDS keeps the master password in a secret it rotates itself (every 7 days by default); only the
                // start of a task reads it (Flyway and the application role's upkeep), so rotation never reaches a
                // running task. A configured SecureString (the document's qa_db_passwd) stays the operator's to change.
                .manageMasterUserPassword(managedMasterPassword(config) ? Boolean.TRUE : null)
                .backupRetention(Duration.days(config.database().backupDays()))
                .deleteAutomatedBackups(false)
                .deletionProtection(config.deletionProtection())
                .autoMinorVersionUpgrade(true)
                // Database Insights standard: Performance Insights' free tier (7 days of load by wait and SQL).
                .enablePerformanceInsights(true)
                .performanceInsightRetention(PerformanceInsightRetention.DEFAULT)
                .databaseInsightsMode(DatabaseInsightsMode.STANDARD)
                .caCertificate(CaCertificate.RDS_CA_RSA2048_G1)
                .cloudwatchLogsExports(LOG_EXPORTS)
                // qa is thrown away with a final snapshot; prod is never deleted with its stack.
                .removalPolicy(config.deletionProtection() ? RemovalPolicy.RETAIN : RemovalPolicy.SNAPSHOT)
                .build();

        // RDS creates these groups itself, with no expiry; owning them sets their retention without a Lambda.
        for (var log : LOG_EXPORTS) {
            var group = LogGroup.Builder.create(this, log + "_logs")
                    .logGroupName("/aws/rds/instance/" + identifier + "/" + log)
                    .retention(config.logs().retention())
                    .removalPolicy(removal)
                    .build();
            instance.getNode().addDependency(group);
        }

        // Generated like the master's, whichever way the master password comes: the application never uses the owner's.
        applicationCredentials = DatabaseSecret.Builder.create(this, "application_credentials")
                .username(APPLICATION_USER)
                .build();

        suppressNagFindings(config);

        ownerPassword = config.database().passwordParameter() == null
                ? Secret.fromSecretsManager(instance.getSecret(), "password")
                : Secret.fromSsmParameter(StringParameter.fromSecureStringParameterAttributes(
                        this,
                        "db_password",
                        SecureStringParameterAttributes.builder()
                                .parameterName(config.database().passwordParameter())
                                .build()));
    }

    private void suppressNagFindings(EnvironmentConfig config) {
        var suppressions = new ArrayList<>(List.of(NagPackSuppression.builder()
                .id("AwsSolutions-RDS11")
                .reason("PostgreSQL keeps its standard port 5432 (the tasks' DATABASE_PORT): only the "
                        + "application tasks' security group can reach it, so a different port hides nothing.")
                .build()));
        if (!config.deletionProtection()) {
            suppressions.add(NagPackSuppression.builder()
                    .id("AwsSolutions-RDS10")
                    .reason("Deletion protection is configured off for " + config.name()
                            + ", a disposable environment; removal still takes a final snapshot.")
                    .build());
        }
        if (!config.database().multiAz()) {
            suppressions.add(NagPackSuppression.builder()
                    .id("AwsSolutions-RDS3")
                    .reason("Multi-AZ is configured off for " + config.name() + " to halve its database cost "
                            + "(docs/cost.md): an AZ failure stops that environment until RDS recovers it.")
                    .build());
        }
        NagSuppressions.addResourceSuppressions(instance, suppressions, true);
        NagSuppressions.addResourceSuppressions(
                applicationCredentials,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-SMG4")
                        .reason("Not rotated on a schedule: each task's start sets the role's password from this "
                                + "secret, and running tasks open new connections with the value they started with, so a "
                                + "rotation under them would fail their requests until replaced. Generated, never outside "
                                + "AWS; changed on demand with a deployment (docs/operations.md).")
                        .build()));
    }

    /**
     * The master password never enters a template: RDS generates and manages it (its secret holds {@code username} and
     * {@code password}), or CloudFormation resolves the configured SecureString.
     */
    private static Credentials credentials(EnvironmentConfig config) {
        return managedMasterPassword(config)
                ? Credentials.fromUsername(MASTER_USER)
                : Credentials.fromPassword(
                        MASTER_USER, SecretValue.ssmSecure(config.database().passwordParameter()));
    }

    private static boolean managedMasterPassword(EnvironmentConfig config) {
        return config.database().passwordParameter() == null;
    }

    public DatabaseInstance instance() {
        return instance;
    }

    /**
     * FLYWAY_PASSWORD of the application's tasks: the master user's, which owns the schema; the {@code password} of the
     * secret RDS manages (host and port come from the instance's endpoint, the user is {@value #MASTER_USER}).
     */
    public Secret ownerPassword() {
        return ownerPassword;
    }

    /** DATABASE_PASSWORD of the application's tasks: the role {@value #APPLICATION_USER}'s. */
    public Secret applicationPassword() {
        return Secret.fromSecretsManager(applicationCredentials, "password");
    }

    public DatabaseSecret applicationCredentials() {
        return applicationCredentials;
    }
}
