package com.example.myamazingapp.infra;

import java.util.regex.Pattern;

/**
 * The RDS PostgreSQL instance of an environment. Keys in infra/cdk.json: dbInstanceClass, dbStorageGiB,
 * dbMaxStorageGiB, multiAz, dbBackupDays, dbPasswordParameter (an empty string means none).
 *
 * @param instanceClass RDS instance class without the "db." prefix, e.g. t4g.micro
 * @param storageGiB allocated gp3 storage
 * @param maxStorageGiB storage autoscaling ceiling
 * @param multiAz RDS standby in the second AZ (the document's RDS_DB_standby_replica)
 * @param backupDays automated backup retention, 7..35
 * @param passwordParameter name of an existing SSM SecureString holding the master password (the document's
 *     qa_db_passwd), or null to generate one into Secrets Manager
 */
public record DatabaseConfig(
        String instanceClass,
        int storageGiB,
        int maxStorageGiB,
        boolean multiAz,
        int backupDays,
        String passwordParameter) {

    private static final Pattern INSTANCE_CLASS = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern SSM_NAME = Pattern.compile("/?[a-zA-Z0-9_.\\-/]{1,1011}");

    static DatabaseConfig read(ContextReader context) {
        return new DatabaseConfig(
                context.requiredText("dbInstanceClass"),
                context.requiredWhole("dbStorageGiB"),
                context.requiredWhole("dbMaxStorageGiB"),
                context.requiredBool("multiAz"),
                context.requiredWhole("dbBackupDays"),
                context.text("dbPasswordParameter"));
    }

    void validate(Problems problems) {
        problems.check(
                instanceClass != null
                        && INSTANCE_CLASS.matcher(instanceClass).matches()
                        && !instanceClass.startsWith("db."),
                "dbInstanceClass must look like t4g.micro, without the db. prefix (was " + instanceClass + ")");
        problems.check(
                storageGiB >= 20 && maxStorageGiB >= storageGiB && maxStorageGiB <= 65536,
                "dbStorageGiB must be at least 20 and dbMaxStorageGiB at least dbStorageGiB (were " + storageGiB + "/"
                        + maxStorageGiB + ")");
        problems.check(
                backupDays >= 7 && backupDays <= 35, "dbBackupDays must be between 7 and 35 (was " + backupDays + ")");
        problems.check(
                passwordParameter == null || SSM_NAME.matcher(passwordParameter).matches(),
                "dbPasswordParameter must be an SSM parameter name such as qa_db_passwd (was " + passwordParameter
                        + ")");
    }
}
