package com.example.myamazingapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.TestDatabase;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Two tasks starting at once both run Flyway: its PostgreSQL advisory lock must make that safe. */
class ConcurrentMigrationTest {

    @Test
    void twoMigrationsAtOnceAgainstOneFreshDatabaseApplyEachVersionOnce() throws Exception {
        var url = TestDatabase.createDatabase("concurrent_migration");
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(2)) {
            Future<MigrateResult> first = pool.submit(() -> migrate(url, start));
            Future<MigrateResult> second = pool.submit(() -> migrate(url, start));
            start.countDown();

            var results = new MigrateResult[] {first.get(2, TimeUnit.MINUTES), second.get(2, TimeUnit.MINUTES)};

            assertThat(results).allSatisfy(result -> assertThat(result.success).isTrue());
            // Flyway locks per migration, so the two instances may share the work: between them they apply every
            // migration exactly once, never one twice.
            assertThat(results[0].migrationsExecuted + results[1].migrationsExecuted)
                    .isEqualTo(migrationCount());
        }
        var jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) - count(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL",
                        Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT bool_and(success) FROM flyway_schema_history", Boolean.class))
                .isTrue();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'stored_files'", Long.class))
                .isEqualTo(1);
    }

    private static int migrationCount() throws IOException {
        return new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql").length;
    }

    private static MigrateResult migrate(String url, CountDownLatch start) throws InterruptedException {
        start.await();
        return Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
