package com.example.myamazingapp.reports;

import com.example.myamazingapp.storage.LocalFolderObjectStore;
import com.example.myamazingapp.storage.S3ObjectStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.s3.S3Client;

/** The reports feature's beans, from its settings ({@link ReportProperties}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ReportProperties.class)
class ReportConfiguration {

    /**
     * Daily at 02:00 UTC (Spring cron: second minute hour day-of-month month day-of-week); application.properties says
     * the same.
     */
    static final String DEFAULT_SCHEDULE = "0 0 2 * * *";

    /**
     * To the reports bucket through the application's S3 client; without one (the embedded default, no DATA_BUCKET)
     * into a local folder, where reports/latest/index.html opens in a browser.
     */
    @Bean
    ReportPublisher reportPublisher(ObjectProvider<S3Client> s3, ReportProperties properties) {
        var client = s3.getIfAvailable();
        return new ReportPublisher(
                client != null
                        ? new S3ObjectStore(client, properties.bucket())
                        : new LocalFolderObjectStore(properties.localFolder()));
    }

    @Bean
    ReportJob reportJob(
            TransactionTemplate transactions,
            JdbcClient jdbc,
            ReportStatistics statistics,
            ReportRenderer renderer,
            ReportPublisher publisher,
            ReportProperties properties) {
        return new ReportJob(
                transactions, jdbc, statistics, renderer, publisher, parse(properties.schedule()), Clock.systemUTC());
    }

    @Bean
    ReportLinks reportLinks(ReportProperties properties) {
        return new ReportLinks(properties.url());
    }

    @Bean
    ReportAdmins reportAdmins(ReportProperties properties) {
        return ReportAdmins.parse(properties.admins());
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
