package com.example.myamazingapp.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/** cdk-nag's AwsSolutions rules on the pipeline stack: every finding, error or warning, fixed or suppressed. */
class PipelineNagTest {

    /** The AwsSolutions errors and warnings left after the suppressions, as "construct path: finding" lines. */
    static List<String> unsuppressedFindings(Stack stack) {
        var annotations = Annotations.fromStack(stack);
        var findings = new ArrayList<String>();
        var rule = Match.stringLikeRegexp("AwsSolutions-.*");
        for (var message : annotations.findError("*", rule)) {
            findings.add("error " + message.getId() + ": " + message.getEntry().getData());
        }
        for (var message : annotations.findWarning("*", rule)) {
            findings.add(
                    "warning " + message.getId() + ": " + message.getEntry().getData());
        }
        return findings;
    }

    @Test
    void awsSolutionsChecksReportNoUnsuppressedErrorsOrWarnings() {
        var stack = SynthesizedPipeline.pipelineStack(new App(), PipelineConfigTest.webhookConfig());
        Aspects.of(stack).add(new AwsSolutionsChecks());

        assertThat(unsuppressedFindings(stack)).isEmpty();
    }

    @Test
    void theCodestarVariantIsCleanToo() {
        var config = new PipelineConfig(
                "example-org",
                "myamazingapp",
                "main",
                PipelineConfig.SourceType.CODESTAR_CONNECTION,
                null,
                PipelineConfigTest.CONNECTION_ARN,
                List.of("a@example.com"));
        var stack = SynthesizedPipeline.pipelineStack(new App(), config);
        Aspects.of(stack).add(new AwsSolutionsChecks());

        assertThat(unsuppressedFindings(stack)).isEmpty();
    }
}
