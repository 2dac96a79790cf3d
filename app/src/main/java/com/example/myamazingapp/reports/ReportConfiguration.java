package com.example.myamazingapp.reports;

import com.example.myamazingapp.storage.LocalFolderObjectStore;
import com.example.myamazingapp.storage.S3ObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.s3.S3Client;

/** The reports feature's settings, read from the environment names the ECS task definition sets. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReportConfiguration {

    /** Daily at 02:00 UTC (Spring cron: second minute hour day-of-month month day-of-week). */
    static final String DEFAULT_SCHEDULE = "0 0 2 * * *";

    /**
     * To the reports bucket through the application's S3 client; without one (the embedded default, no DATA_BUCKET)
     * into a local folder, where reports/latest/index.html opens in a browser.
     */
    @Bean
    ReportPublisher reportPublisher(
            ObjectProvider<S3Client> s3,
            @Value("${REPORTS_BUCKET:myamazingapp-reports}") String bucket,
            @Value("${app.reports.local-folder:.data}") Path localFolder) {
        var client = s3.getIfAvailable();
        return new ReportPublisher(
                client != null ? new S3ObjectStore(client, bucket) : new LocalFolderObjectStore(localFolder));
    }

    @Bean
    ReportJob reportJob(
            TransactionTemplate transactions,
            JdbcClient jdbc,
            ReportStatistics statistics,
            ReportRenderer renderer,
            ReportPublisher publisher,
            @Value("${REPORT_SCHEDULE:" + DEFAULT_SCHEDULE + "}") String schedule) {
        return new ReportJob(transactions, jdbc, statistics, renderer, publisher, parse(schedule), Clock.systemUTC());
    }

    @Bean
    ReportLinks reportLinks(@Value("${REPORTS_URL:}") String url) {
        return new ReportLinks(url.strip());
    }

    @Bean
    ReportAdmins reportAdmins(@Value("${REPORT_ADMINS:}") String admins) {
        return ReportAdmins.parse(admins);
    }

    /**
     * REPORT_SCHEDULE as a cron expression, or null for "-", Spring's "disabled" (then @Scheduled registers nothing and
     * only administrators publish; the tests use it so that 02:00 UTC never fires in the middle of a run).
     */
    static CronExpression parse(String schedule) {
        if (Scheduled.CRON_DISABLED.equals(schedule)) {
            return null;
        }
        try {
            return CronExpression.parse(schedule);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "REPORT_SCHEDULE is not a cron expression of six fields (second minute hour "
                            + "day-of-month month day-of-week, e.g. \"" + DEFAULT_SCHEDULE
                            + "\") nor \"-\" (disabled): " + e.getMessage(),
                    e);
        }
    }
}
