package com.example.myamazingapp.system;

import java.util.ArrayList;
import java.util.Arrays;
import org.flywaydb.core.api.callback.Callback;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With FLYWAY_USER set (on AWS), Flyway migrates as the schema's owner while the application's pool connects as
 * DATABASE_USER, a role that can only read and write the tables ({@link ApplicationRole} creates it). Without it, local
 * runs and tests keep one user for both.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${FLYWAY_USER:}' != ''")
class OwnerMigrations {

    @Bean
    FlywayConfigurationCustomizer migrateAsOwner(
            @Value("${spring.datasource.url}") String url,
            @Value("${FLYWAY_USER}") String owner,
            @Value("${FLYWAY_PASSWORD:}") String ownerPassword,
            @Value("${spring.datasource.username}") String applicationUser,
            @Value("${spring.datasource.password}") String applicationPassword) {
        return configuration -> {
            configuration.dataSource(url, owner, ownerPassword);
            if (owner.equals(applicationUser)) {
                return;
            }
            var callbacks = new ArrayList<Callback>(Arrays.asList(configuration.getCallbacks()));
            callbacks.add(new ApplicationRole(applicationUser, applicationPassword));
            configuration.callbacks(callbacks.toArray(Callback[]::new));
        };
    }
}
