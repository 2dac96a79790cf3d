package com.example.myamazingapp.infra;

import static com.example.myamazingapp.infra.Synthesized.application;
import static com.example.myamazingapp.infra.Synthesized.resolve;
import static com.example.myamazingapp.infra.Synthesized.stack;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;

/** AWS Backup: the database and the data bucket, daily, into an encrypted vault. */
class BackupsTest {

    @ParameterizedTest(
            name =
                    "{0}: a daily 03:00 UTC backup into vault myamazingapp-{0}-backups (AWS Backup's AWS managed key), kept {1} days")
    @CsvSource({"qa, 7", "prod, 35"})
    void dailyPlan(String env, int days) {
        application(env)
                .hasResourceProperties(
                        "AWS::Backup::BackupVault",
                        Map.of(
                                "BackupVaultName",
                                "myamazingapp-" + env + "-backups",
                                "EncryptionKeyArn",
                                Match.absent()));
        application(env)
                .resourcePropertiesCountIs(
                        "AWS::KMS::Key", Map.of("Description", Match.stringLikeRegexp(".*backup.*")), 0);
        application(env)
                .hasResourceProperties(
                        "AWS::Backup::BackupPlan",
                        Map.of(
                                "BackupPlan",
                                Map.of(
                                        "BackupPlanName",
                                        "myamazingapp-" + env,
                                        "BackupPlanRule",
                                        List.of(Match.objectLike(Map.of(
                                                "RuleName", "daily",
                                                "ScheduleExpression", "cron(0 3 * * ? *)",
                                                "Lifecycle", Map.of("DeleteAfterDays", days)))))));
    }

    @ParameterizedTest(name = "{0}: the selection is the database and the data bucket, with S3's backup policies")
    @ValueSource(strings = {"qa", "prod"})
    void databaseAndDataBucket(String env) {
        var selection = application(env).findResources("AWS::Backup::BackupSelection");
        assertThat(selection).hasSize(1);
        var text = selection.values().iterator().next().toString();
        assertThat(text)
                .contains(resolve(env, stack(env).storage().dataBucket().getBucketArn())
                        .toString())
                .contains(resolve(env, stack(env).database().instance().getInstanceIdentifier())
                        .toString());
        var roles = application(env)
                .findResources(
                        "AWS::IAM::Role",
                        Match.objectLike(Map.of(
                                "Properties",
                                Match.objectLike(Map.of(
                                        "AssumeRolePolicyDocument",
                                        Match.objectLike(Map.of(
                                                "Statement",
                                                List.of(Match.objectLike(Map.of(
                                                        "Principal",
                                                        Map.of("Service", "backup.amazonaws.com")))))))))));
        assertThat(roles).hasSize(1);
        assertThat(roles.values().iterator().next().toString())
                .contains(
                        "AWSBackupServiceRolePolicyForS3Backup",
                        "AWSBackupServiceRolePolicyForS3Restore",
                        "AWSBackupServiceRolePolicyForBackup",
                        "AWSBackupServiceRolePolicyForRestores");
    }
}
