package com.example.myamazingapp.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Test step's build phase: .ci/run from the checkout root, with the executable bits the source zip lost. */
class RunTestsScriptTest {

    @TempDir
    Path temp;

    @Test
    void runsTheRepositorysCiCommandFromTheCheckoutRoot() throws Exception {
        var script = new ScriptRun(temp);
        Files.createDirectories(script.checkout.resolve(".ci"));
        var ci = Files.writeString(script.checkout.resolve(".ci/run"),
                "#!/usr/bin/env bash\nprintf '.ci/run in %s\\n' \"$PWD\" >> \"$FAKE_HOME/calls.log\"\nexit 3\n");
        var mvnw = Files.writeString(script.checkout.resolve("mvnw"), "#!/bin/sh\n");

        var result = script.runInCheckout("run-tests.sh");

        assertThat(result.calls()).containsExactly(".ci/run in " + script.checkout);
        assertThat(result.exitCode()).as("the CI command's failure is the step's failure").isEqualTo(3);
        assertThat(ci).isExecutable();
        assertThat(mvnw).isExecutable();
    }
}
