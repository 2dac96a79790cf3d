package com.example.myamazingapp.infra.pipeline;

import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.action;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.project;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stage SmokeTestQA: QA answers and runs the commit the pipeline built. */
class QaSmokeTestTest {

    @Test
    void smokeTestChecksQaAndTheDeployedCommit() {
        var smoke = project("SmokeTestQA");

        assertThat(smoke.path("Source").path("BuildSpec").asText()).isEqualTo("infra/buildspecs/smoke-test.yml");
        assertThat(smoke.path("Environment").path("EnvironmentVariables").toString())
                .contains(
                        "{\"Name\":\"BASE_URL\",\"Type\":\"PLAINTEXT\",\"Value\":\"https://qa.myamazingapp.example.com\"}");
        assertThat(action("SmokeTestQA")
                        .path("Configuration")
                        .path("EnvironmentVariables")
                        .asText())
                .contains("\"EXPECTED_COMMIT\"", "#{SourceVariables.CommitId}");
    }
}
