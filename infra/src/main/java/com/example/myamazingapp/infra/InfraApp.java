package com.example.myamazingapp.infra;

import com.example.myamazingapp.infra.pipeline.PipelineStack;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * The CDK app: the qa and prod environments (and the pipeline that ships images into them). Run by {@code npx cdk
 * synth} in infra/ (see cdk.json) or by {@code ./mvnw -pl infra compile exec:java}.
 */
public final class InfraApp {

    private InfraApp() {}

    public static void main(String[] args) {
        var app = newApp(Map.of());
        var qa = EnvironmentStacks.create(app, EnvironmentConfig.fromContext(app.getNode(), "qa"));
        var prod = EnvironmentStacks.create(app, EnvironmentConfig.fromContext(app.getNode(), "prod"));

        // The delivery pipeline (docs/deploy.md): GitHub -> test -> qa -> approval -> prod.
        PipelineStack.create(app, qa.deployTarget(), prod.deployTarget());

        app.synth();
    }

    /**
     * An app with the context of infra/cdk.json, also when the CDK CLI did not start us (the Maven-only synth, the
     * tests): the CLI passes cdk.json, cdk.context.json and -c values in CDK_CONTEXT_JSON itself. Writes to CDK_OUTDIR
     * when the CLI sets it, else to infra/cdk.out.
     */
    public static App newApp(Map<String, Object> extraContext) {
        var outdir = System.getenv("CDK_OUTDIR");
        return newApp(
                extraContext, outdir != null ? Path.of(outdir) : infraDir().resolve("cdk.out"));
    }

    /** {@link #newApp(Map)} writing to {@code outdir} (the tests write under target/). */
    public static App newApp(Map<String, Object> extraContext, Path outdir) {
        var infraDir = infraDir();
        var context = new HashMap<String, Object>();
        if (System.getenv("CDK_CONTEXT_JSON") == null) {
            context.putAll(cdkJsonContext(infraDir.resolve("cdk.json")));
            // What the CLI adds by default, so that both synths write the same templates.
            context.put("aws:cdk:enable-path-metadata", true);
            context.put("aws:cdk:enable-asset-metadata", true);
            context.put("aws:cdk:version-reporting", true);
        }
        context.putAll(extraContext);
        return new App(
                AppProps.builder().context(context).outdir(outdir.toString()).build());
    }

    /** The infra module's folder: the working directory of the CLI and of Surefire, or infra/ below it. */
    public static Path infraDir() {
        var here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("cdk.json")) || !Files.isDirectory(here.resolve("infra"))
                ? here
                : here.resolve("infra");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext(Path cdkJson) {
        if (!Files.exists(cdkJson)) {
            return Map.of();
        }
        try {
            var json = new ObjectMapper().readValue(cdkJson.toFile(), Map.class);
            return json.get("context") instanceof Map<?, ?> context ? (Map<String, Object>) context : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cdkJson + ": " + e.getMessage(), e);
        }
    }
}
