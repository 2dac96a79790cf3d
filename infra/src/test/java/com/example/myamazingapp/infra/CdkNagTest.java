package com.example.myamazingapp.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's AwsSolutions rules: every finding, error or warning, is fixed or suppressed with a reason. */
class CdkNagTest {

    static Stream<String> stacks() {
        return Stream.of("qa-registry", "qa", "prod-registry", "prod");
    }

    static Stack stack(String id) {
        var env = Synthesized.environment(id.replace("-registry", ""));
        return id.endsWith("-registry") ? env.registry() : env.application();
    }

    @ParameterizedTest(name = "myamazingapp-{0} has no unsuppressed AwsSolutions error")
    @MethodSource("stacks")
    void noUnsuppressedErrors(String id) {
        var errors = Synthesized.annotations(stack(id)).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(describe(errors)).isEmpty();
    }

    @ParameterizedTest(name = "myamazingapp-{0} has no unsuppressed AwsSolutions warning (treated as errors)")
    @MethodSource("stacks")
    void noUnsuppressedWarnings(String id) {
        var warnings = Synthesized.annotations(stack(id)).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(describe(warnings)).isEmpty();
    }

    private static List<String> describe(List<SynthesisMessage> messages) {
        return messages.stream()
                .map(m -> m.getId() + ": "
                        + m.getEntry().getData().toString().lines().findFirst().orElse(""))
                .toList();
    }
}
