package com.example.myamazingapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.example.myamazingapp.support.TestDatabase;

/**
 * Core (V1..V9) and reports (V10..V19) number their migrations in separate ranges, so a database already at the
 * reports' V11 (a developer's .data, a running environment) must still accept a newer core migration such as V5,
 * with the application's own Flyway settings.
 */
class MigrationOrderTest {

    @Test
    void aCoreMigrationAddedAfterTheReportsOnesStillApplies(@TempDir Path withoutV5) throws Exception {
        for (var migration : new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/*.sql")) {
            if (!migration.getFilename().startsWith("V5__")) {
                try (var in = migration.getInputStream()) {
                    Files.copy(in, withoutV5.resolve(migration.getFilename()));
                }
            }
        }
        var url = TestDatabase.createDatabase("migration_order");
        Flyway.configure().dataSource(url, null, null).locations("filesystem:" + withoutV5).load().migrate();

        var application = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));
        var result = Flyway.configure().dataSource(url, null, null)
                .locations(application.getProperty("spring.flyway.locations"))
                .outOfOrder(Boolean.parseBoolean(application.getProperty("spring.flyway.out-of-order")))
                .load()
                .migrate();

        assertThat(result.success).isTrue();
        var jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM information_schema.columns
                WHERE table_name = 'login_failures' AND column_name = 'client'""", Long.class)).isEqualTo(1);
    }
}
