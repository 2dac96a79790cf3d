package com.example.myamazingapp.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.backup.BackupPlan;
import software.amazon.awscdk.services.backup.BackupPlanCopyActionProps;
import software.amazon.awscdk.services.backup.BackupPlanRule;
import software.amazon.awscdk.services.backup.BackupPlanRuleProps;
import software.amazon.awscdk.services.backup.BackupResource;
import software.amazon.awscdk.services.backup.BackupSelectionOptions;
import software.amazon.awscdk.services.backup.BackupVault;
import software.amazon.awscdk.services.events.CronOptions;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * AWS Backup of what cannot be rebuilt: the database and the data bucket, daily at 03:00 UTC (after the 02:00 report
 * run), into the environment's vault, kept {@code retentionDays}; optionally copied to a vault of the same name in a
 * second region. The vault encrypts with AWS Backup's AWS managed key: a snapshot of the database keeps the database's
 * own key whatever the vault's, the data bucket itself is encrypted with S3's keys, and nothing here needs what only a
 * customer managed key gives (a key policy of our own, copies to another account), which would cost 1 USD a month.
 * RDS's own automated backups (point in time, dbBackupDays) stay: these are the longer, separately kept copies. Restore
 * steps: docs/operations.md, "Restoring from a backup".
 */
public class Backups extends Construct {

    /**
     * @param environmentName qa or prod
     * @param retentionDays days each daily recovery point is kept
     * @param copyRegion a second region that gets a copy of each recovery point, or null; its vault
     *     myamazingapp-&lt;env&gt; must exist there (docs/operations.md)
     * @param retain keep the vault and its recovery points when the stack is deleted
     * @param database RDS_DB_instance1
     * @param dataBucket the uploaded files (versioned, which AWS Backup for S3 requires)
     */
    public record Props(
            String environmentName,
            int retentionDays,
            String copyRegion,
            boolean retain,
            DatabaseInstance database,
            IBucket dataBucket) {}

    private final BackupVault vault;
    private final BackupPlan plan;

    public Backups(Construct scope, String id, Props props) {
        super(scope, id);
        var name = vaultName(props.environmentName());
        var removal = props.retain() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        vault = BackupVault.Builder.create(this, "vault")
                .backupVaultName(name)
                .removalPolicy(removal)
                .build();
        var copies = new ArrayList<BackupPlanCopyActionProps>();
        if (props.copyRegion() != null) {
            copies.add(BackupPlanCopyActionProps.builder()
                    .destinationBackupVault(BackupVault.fromBackupVaultArn(
                            this,
                            "copy_vault",
                            "arn:" + Aws.PARTITION + ":backup:" + props.copyRegion() + ":" + Aws.ACCOUNT_ID
                                    + ":backup-vault:" + name))
                    .deleteAfter(Duration.days(props.retentionDays()))
                    .build());
        }
        plan = BackupPlan.Builder.create(this, "plan")
                .backupPlanName("myamazingapp-" + props.environmentName())
                .backupVault(vault)
                .backupPlanRules(List.of(new BackupPlanRule(BackupPlanRuleProps.builder()
                        .ruleName("daily")
                        .scheduleExpression(Schedule.cron(
                                CronOptions.builder().hour("3").minute("0").build()))
                        .startWindow(Duration.hours(1))
                        .completionWindow(Duration.hours(4))
                        .deleteAfter(Duration.days(props.retentionDays()))
                        .copyActions(copies)
                        .build())))
                .build();
        // AWS Backup for S3 needs two managed policies of its own besides the general ones CDK adds.
        var role = Role.Builder.create(this, "selection_role")
                .assumedBy(new ServicePrincipal("backup.amazonaws.com"))
                .managedPolicies(List.of(
                        ManagedPolicy.fromAwsManagedPolicyName("AWSBackupServiceRolePolicyForS3Backup"),
                        ManagedPolicy.fromAwsManagedPolicyName("AWSBackupServiceRolePolicyForS3Restore")))
                .build();
        plan.addSelection(
                "database_and_files",
                BackupSelectionOptions.builder()
                        .resources(List.of(
                                BackupResource.fromRdsDatabaseInstance(props.database()),
                                BackupResource.fromArn(props.dataBucket().getBucketArn())))
                        .role(role)
                        .allowRestores(true)
                        .build());
        NagSuppressions.addResourceSuppressions(
                role,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM4")
                        .reason("AWS Backup's service-role policies (backup, restore, S3 backup and restore) are "
                                + "maintained by AWS for exactly this role; the selection limits it to the database and "
                                + "the data bucket.")
                        .build()),
                true);
    }

    /**
     * Not the environment's bare name: a vault's key cannot change in place, and the first vault of that name had a
     * customer managed key (docs/operations.md, "Backups and restoring").
     */
    public static String vaultName(String environmentName) {
        return "myamazingapp-" + environmentName + "-backups";
    }

    public BackupVault vault() {
        return vault;
    }

    public BackupPlan plan() {
        return plan;
    }
}
