package com.example.myamazingapp.infra.pipeline;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codebuild.BuildEnvironmentVariable;
import software.amazon.awscdk.services.codebuild.BuildSpec;
import software.amazon.awscdk.services.codebuild.CloudWatchLoggingOptions;
import software.amazon.awscdk.services.codebuild.ComputeType;
import software.amazon.awscdk.services.codebuild.LinuxArmBuildImage;
import software.amazon.awscdk.services.codebuild.LinuxBuildImage;
import software.amazon.awscdk.services.codebuild.LoggingOptions;
import software.amazon.awscdk.services.codebuild.PipelineProject;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The CodeBuild project of a step, {@code myamazingapp-<name>}, with a service role of its own ({@code <name>Role}):
 * the document's CodeBuildServiceRole, split so that each build holds only the permissions of its own step.
 */
final class BuildProject {

    /**
     * @param name the step's name: the project is myamazingapp-name, its log group /myamazingapp/pipeline/name
     * @param buildspec the buildspec's path in the source, read at build time so it always matches its scripts
     * @param environment the build image, compute type and privileged mode (Docker builds need it)
     * @param timeout how long a build may run
     * @param key the pipeline's KMS key, which encrypts the build's output
     * @param variables plain-text environment variables of every build
     */
    record Props(
            String name,
            String buildspec,
            BuildEnvironment environment,
            Duration timeout,
            Key key,
            Map<String, String> variables) {}

    private BuildProject() {}

    /** CodeBuild's standard Linux image, small. */
    static BuildEnvironment standard(boolean privileged) {
        return BuildEnvironment.builder()
                .buildImage(LinuxBuildImage.STANDARD_7_0)
                .computeType(ComputeType.SMALL)
                .privileged(privileged)
                .build();
    }

    /** CodeBuild's Amazon Linux 2023 image on Graviton, small: builds the arm64 image the tasks run. */
    static BuildEnvironment arm(boolean privileged) {
        return BuildEnvironment.builder()
                .buildImage(LinuxArmBuildImage.AMAZON_LINUX_2023_STANDARD_3_0)
                .computeType(ComputeType.SMALL)
                .privileged(privileged)
                .build();
    }

    static PipelineProject create(Construct scope, Props props) {
        var name = props.name();
        var role = Role.Builder.create(scope, name + "Role")
                .assumedBy(new ServicePrincipal("codebuild.amazonaws.com"))
                .description("CodeBuild service role of the " + name + " step of MyAmazingPipeline")
                .build();
        return PipelineProject.Builder.create(scope, name + "Project")
                .projectName("myamazingapp-" + name)
                .description("MyAmazingPipeline step " + name + " (" + props.buildspec() + ")")
                .buildSpec(BuildSpec.fromSourceFilename(props.buildspec()))
                .environment(props.environment())
                .environmentVariables(plain(props.variables()))
                .encryptionKey(props.key())
                .timeout(props.timeout())
                .role(role)
                // Build logs are for diagnosing a run: kept three months, not forever (CodeBuild's default).
                .logging(LoggingOptions.builder()
                        .cloudWatch(CloudWatchLoggingOptions.builder()
                                .logGroup(LogGroup.Builder.create(scope, name + "Logs")
                                        .logGroupName("/myamazingapp/pipeline/" + name)
                                        .retention(RetentionDays.THREE_MONTHS)
                                        .removalPolicy(RemovalPolicy.DESTROY)
                                        .build())
                                .build())
                        .build())
                .build();
    }

    /** Plain-text variables in name order, so that every synth writes them alike. */
    static Map<String, BuildEnvironmentVariable> plain(Map<String, String> variables) {
        var plain = new TreeMap<String, BuildEnvironmentVariable>();
        variables.forEach((name, value) ->
                plain.put(name, BuildEnvironmentVariable.builder().value(value).build()));
        return plain;
    }
}
