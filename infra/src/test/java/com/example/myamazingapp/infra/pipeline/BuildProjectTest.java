package com.example.myamazingapp.infra.pipeline;

import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.json;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.logicalId;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.pipeline;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.project;
import static com.example.myamazingapp.infra.pipeline.SynthesizedPipeline.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every CodeBuild step of the pipeline: its own role, its logs, a buildspec that exists. */
class BuildProjectTest {

    @Test
    void buildLogsAreKeptThreeMonthsPerStep() {
        for (var step :
                List.of("Test", "BuildImageQA", "SmokeTestQA", "PromoteImageProd", "ReleaseQA", "ReleaseProd")) {
            template.hasResourceProperties(
                    "AWS::Logs::LogGroup",
                    Map.of("LogGroupName", "/myamazingapp/pipeline/" + step, "RetentionInDays", 90));
            assertThat(project(step)
                            .path("LogsConfig")
                            .path("CloudWatchLogs")
                            .path("Status")
                            .asText())
                    .isEqualTo("ENABLED");
        }
    }

    @Test
    void everyBuildHasItsOwnServiceRole() {
        var roles = new ArrayList<String>();
        for (var stage :
                List.of("Test", "BuildImageQA", "SmokeTestQA", "PromoteImageProd", "ReleaseQA", "ReleaseProd")) {
            roles.add(logicalId(project(stage).path("ServiceRole")));
        }
        assertThat(roles).doesNotHaveDuplicates().allMatch(role -> role.contains("Role"));
        assertThat(pipeline(json).path("RoleArn").toString()).contains("PipelineExecutionRole");
    }

    @Test
    void everyBuildspecTheProjectsNameExistsAndCallsScriptsThatExist() throws Exception {
        var repositoryRoot = Path.of("..").toAbsolutePath().normalize();
        var scriptCall = Pattern.compile("bash (infra/buildspecs/scripts/[\\w.-]+\\.sh)");
        for (var stage :
                List.of("Test", "BuildImageQA", "SmokeTestQA", "PromoteImageProd", "ReleaseQA", "ReleaseProd")) {
            var buildspec = repositoryRoot.resolve(
                    project(stage).path("Source").path("BuildSpec").asText());
            assertThat(buildspec).as(stage).isRegularFile();
            var text = Files.readString(buildspec);
            assertThat(text).startsWith("#").contains("version: 0.2");
            var calls = scriptCall.matcher(text).results().map(m -> m.group(1)).toList();
            assertThat(calls).as(stage + " calls a script").isNotEmpty();
            calls.forEach(script -> assertThat(repositoryRoot.resolve(script))
                    .as(script)
                    .isRegularFile()
                    .isExecutable());
        }
    }
}
