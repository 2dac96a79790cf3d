package com.example.myamazingapp.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Test step's build phase: .ci/run from the checkout root, in a checkout like CodePipeline's source zip gives (no
 * .git, no executable bits), with the commit handed to the application as APP_COMMIT.
 */
class RunTestsScriptTest {

    @TempDir
    Path temp;

    @Test
    void runsTheRepositorysCiCommandFromAZipCheckoutWithTheCommitAsAppCommit() throws Exception {
        var script = new ScriptRun(temp)
                .env("CODEBUILD_RESOLVED_SOURCE_VERSION", "3f9c2a71d0e4b5c6a7f8091a2b3c4d5e6f708192");
        var ci = notExecutable(
                script.checkout.resolve(".ci/run"),
                "#!/usr/bin/env bash\nprintf '.ci/run in %s APP_COMMIT=%s\\n' \"$PWD\" \"${APP_COMMIT:-}\" >> \"$FAKE_HOME/calls.log\"\nexit 3\n");
        var mvnw = notExecutable(script.checkout.resolve("mvnw"), "#!/bin/sh\n");
        var repositoryScript = notExecutable(script.checkout.resolve("scripts/big-upload.sh"), "#!/usr/bin/env bash\n");

        var result = script.runInCheckout("run-tests.sh");

        assertThat(script.checkout.resolve(".git")).doesNotExist();
        assertThat(result.calls())
                .containsExactly(
                        ".ci/run in " + script.checkout + " APP_COMMIT=3f9c2a71d0e4b5c6a7f8091a2b3c4d5e6f708192");
        assertThat(result.exitCode())
                .as("the CI command's failure is the step's failure")
                .isEqualTo(3);
        assertThat(ci).isExecutable();
        assertThat(mvnw).isExecutable();
        assertThat(repositoryScript).isExecutable();
        assertThat(script.checkout.resolve("infra/buildspecs/scripts/smoke-test.sh"))
                .isExecutable();
    }

    @Test
    void outsideCodeBuildAppCommitIsLeftToTheBuildsGitProperties() throws Exception {
        var script = new ScriptRun(temp);
        notExecutable(
                script.checkout.resolve(".ci/run"),
                "#!/usr/bin/env bash\nprintf 'APP_COMMIT=%s\\n' \"${APP_COMMIT-unset}\" >> \"$FAKE_HOME/calls.log\"\n");

        var result = script.runInCheckout("run-tests.sh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.calls()).containsExactly("APP_COMMIT=unset");
    }

    private static Path notExecutable(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }
}
