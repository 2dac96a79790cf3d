package com.example.myamazingapp.reports;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The reports feature's settings; application.properties maps them from the environment names the ECS task definition
 * sets.
 *
 * @param bucket REPORTS_BUCKET: the reports are published under reports/ in it
 * @param url REPORTS_URL: the distribution's https URL the files page links to; empty for no link
 * @param admins REPORT_ADMINS: comma-separated e-mails of the accounts that may publish a report now
 * @param schedule REPORT_SCHEDULE: Spring cron (six fields, UTC), or "-" for no scheduled run
 * @param localFolder where the reports go without S3 (the embedded default)
 */
@ConfigurationProperties("app.reports")
record ReportProperties(String bucket, String url, String admins, String schedule, Path localFolder) {

    ReportProperties {
        // An empty environment variable binds as null.
        url = url == null ? "" : url.strip();
        admins = admins == null ? "" : admins;
    }
}
