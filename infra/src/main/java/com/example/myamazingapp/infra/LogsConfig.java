package com.example.myamazingapp.infra;

import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * How long an environment keeps its logs: first in CloudWatch Logs, then in the logging bucket. Keys in infra/cdk.json:
 * logRetentionDays, logTransitionDays, logArchiveDays.
 *
 * @param retentionDays CloudWatch Logs retention of the application and database logs
 * @param transitionDays days after which the logging bucket moves objects to S3 Standard-IA (at least 30, S3's minimum
 *     for that class); after retentionDays, so logs still in CloudWatch stay in the archive's cheap-to-read class, and
 *     before archiveDays
 * @param archiveDays days the logging bucket keeps objects (all logs, app-logs/ included) before they expire; longer
 *     than transitionDays
 */
public record LogsConfig(int retentionDays, int transitionDays, int archiveDays) {

    static LogsConfig read(ContextReader context) {
        return new LogsConfig(
                context.requiredWhole("logRetentionDays"),
                context.requiredWhole("logTransitionDays"),
                context.requiredWhole("logArchiveDays"));
    }

    void validate(Problems problems) {
        problems.check(
                retention() != null,
                "logRetentionDays must be one of 7, 14, 30, 60, 90, 180, 365, 731, 1827, 3653 (was " + retentionDays
                        + ")");
        problems.check(
                transitionDays >= 30,
                "logTransitionDays must be at least 30: S3 moves objects to Standard-IA no sooner (was "
                        + transitionDays + ")");
        problems.check(
                retentionDays < transitionDays && transitionDays < archiveDays,
                "log days must grow logRetentionDays (" + retentionDays + ") < logTransitionDays (" + transitionDays
                        + ") < logArchiveDays (" + archiveDays + "): CloudWatch keeps the lines first, the S3 archive "
                        + "then moves them to Standard-IA and finally expires them");
    }

    /** retentionDays as CloudWatch Logs knows it, or null when it knows no such retention. */
    public RetentionDays retention() {
        return switch (retentionDays) {
            case 7 -> RetentionDays.ONE_WEEK;
            case 14 -> RetentionDays.TWO_WEEKS;
            case 30 -> RetentionDays.ONE_MONTH;
            case 60 -> RetentionDays.TWO_MONTHS;
            case 90 -> RetentionDays.THREE_MONTHS;
            case 180 -> RetentionDays.SIX_MONTHS;
            case 365 -> RetentionDays.ONE_YEAR;
            case 731 -> RetentionDays.TWO_YEARS;
            case 1827 -> RetentionDays.FIVE_YEARS;
            case 3653 -> RetentionDays.TEN_YEARS;
            default -> null;
        };
    }
}
