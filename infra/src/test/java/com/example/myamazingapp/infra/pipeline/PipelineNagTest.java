package com.example.myamazingapp.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

class PipelineNagTest {

    @Test
    void awsSolutionsChecksReportNoUnsuppressedErrorsOrWarnings() {
        var app = new App();
        var stack = PipelineStackTest.pipelineStack(app, PipelineConfigTest.webhookConfig());
        Aspects.of(stack).add(new AwsSolutionsChecks());

        var annotations = Annotations.fromStack(stack);
        var errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream()
                .map(m -> m.getId() + " " + m.getEntry().getData()).toList();
        var warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream()
                .map(m -> m.getId() + " " + m.getEntry().getData()).toList();

        assertThat(errors).as("unsuppressed cdk-nag errors").isEmpty();
        assertThat(warnings).as("unsuppressed cdk-nag warnings").isEmpty();
    }
}
