package com.example.myamazingapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The aws profile talks to RDS over TLS: sslmode=require unless DATABASE_SSLMODE says otherwise. */
class AwsDatabaseUrlTest {

    @Test
    void theAwsProfileRequiresTlsByDefault() throws IOException {
        assertThat(awsDatabaseUrl(Map.of()))
                .isEqualTo("jdbc:postgresql://db.internal:5432/myamazingapp?sslmode=require");
    }

    @Test
    void databaseSslModeChoosesAnotherMode() throws IOException {
        assertThat(awsDatabaseUrl(Map.of("DATABASE_SSLMODE", "verify-full", "DATABASE_PORT", "6432")))
                .isEqualTo("jdbc:postgresql://db.internal:6432/myamazingapp?sslmode=verify-full");
    }

    /** spring.datasource.url of application-aws.properties, resolved against the given variables. */
    private static String awsDatabaseUrl(Map<String, Object> variables) throws IOException {
        var values =
                new HashMap<String, Object>(Map.of("DATABASE_HOST", "db.internal", "DATABASE_NAME", "myamazingapp"));
        values.putAll(variables);
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("variables", values));
        new PropertiesPropertySourceLoader()
                .load("aws", new ClassPathResource("application-aws.properties"))
                .forEach(environment.getPropertySources()::addLast);
        return environment.getProperty("spring.datasource.url");
    }
}
