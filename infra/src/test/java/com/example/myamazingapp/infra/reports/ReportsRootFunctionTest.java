package com.example.myamazingapp.infra.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.Bucket;

class ReportsRootFunctionTest {

    @Test
    void theDistributionRunsTheFunctionOnEveryViewerRequest() {
        var stack = new Stack(new App(), "ReportsRootTest");
        var root = new ReportsRootFunction(stack, "reports_root");
        Distribution.Builder.create(stack, "reports_distribution")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(
                                Bucket.Builder.create(stack, "reports").build()))
                        .functionAssociations(List.of(root.viewerRequest()))
                        .build())
                .build();
        var template = Template.fromStack(stack);

        template.hasResourceProperties(
                "AWS::CloudFront::Function",
                Match.objectLike(Map.of(
                        "FunctionCode",
                        ReportsRootFunction.CODE,
                        "FunctionConfig",
                        Match.objectLike(Map.of("Runtime", "cloudfront-js-2.0")))));
        template.hasResourceProperties(
                "AWS::CloudFront::Distribution",
                Match.objectLike(Map.of(
                        "DistributionConfig",
                        Match.objectLike(Map.of(
                                "DefaultCacheBehavior",
                                Match.objectLike(Map.of(
                                        "FunctionAssociations",
                                        List.of(Map.of(
                                                "EventType", "viewer-request", "FunctionARN", Match.anyValue())))))))));
    }

    /** Runs the function's own code in Node (CloudFront Functions are plain JavaScript) on typical paths. */
    @Test
    void rootShowsLatestAndFoldersShowTheirIndex(@TempDir Path dir) throws Exception {
        var cases = Map.of(
                "/", "/latest/index.html",
                "/latest/", "/latest/index.html",
                "/latest", "/latest/index.html",
                "/2026-11-26", "/2026-11-26/index.html",
                "/2026-11-26/", "/2026-11-26/index.html",
                "/2026-11-26/daily.csv", "/2026-11-26/daily.csv",
                "/latest/report.json", "/latest/report.json",
                "/index.html", "/index.html");
        var script = new StringBuilder(ReportsRootFunction.CODE);
        cases.keySet()
                .forEach(uri -> script.append(
                        "console.log('%s=' + handler({request: {uri: '%s'}}).uri);\n".formatted(uri, uri)));
        var file = dir.resolve("function.js");
        Files.writeString(file, script);

        var output = node(file);

        cases.forEach((uri, expected) -> assertThat(output).contains(uri + "=" + expected + "\n"));
    }

    private static String node(Path script) throws IOException, InterruptedException {
        var process = new ProcessBuilder("node", script.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("node finished").isTrue();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
