package com.example.myamazingapp.infra;

import java.util.regex.Pattern;

/**
 * AWS Backup of the database and the data bucket (docs/operations.md, "Backups and restoring"). Keys in infra/cdk.json:
 * backupRetentionDays, backupCopyRegion (empty: no copy).
 *
 * @param retentionDays days each daily recovery point is kept
 * @param copyRegion a second region that gets a copy of each recovery point, or null
 */
public record BackupConfig(int retentionDays, String copyRegion) {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");

    static BackupConfig read(ContextReader context) {
        return new BackupConfig(context.requiredWhole("backupRetentionDays"), context.text("backupCopyRegion"));
    }

    void validate(Problems problems) {
        problems.check(
                retentionDays >= 1 && retentionDays <= 36_500,
                "backupRetentionDays must be between 1 and 36500 (was " + retentionDays + ")");
        problems.check(
                copyRegion == null || REGION.matcher(copyRegion).matches(),
                "backupCopyRegion must be an AWS region such as eu-central-1, or empty (was " + copyRegion + ")");
    }
}
