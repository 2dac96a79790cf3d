package com.example.myamazingapp.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

/**
 * The qa and prod environments exactly as infra/cdk.json configures them, with cdk-nag's AwsSolutions checks,
 * synthesized once per test JVM (a synth costs seconds) and shared by every test class.
 */
final class Synthesized {

    private static App app;
    private static final Map<String, EnvironmentStacks> ENVIRONMENTS = new HashMap<>();
    private static final Map<Stack, Template> TEMPLATES = new HashMap<>();
    private static final Map<Stack, Annotations> ANNOTATIONS = new HashMap<>();

    private Synthesized() {}

    static synchronized EnvironmentStacks environment(String name) {
        if (app == null) {
            app = appWithNag(Map.of());
            for (var env : new String[] {"qa", "prod"}) {
                ENVIRONMENTS.put(env, EnvironmentStacks.create(app, EnvironmentConfig.fromContext(app.getNode(), env)));
            }
        }
        return ENVIRONMENTS.get(name);
    }

    static Template application(String name) {
        return template(environment(name).application());
    }

    static ApplicationStack stack(String name) {
        return environment(name).application();
    }

    static Template registry(String name) {
        return template(environment(name).registry());
    }

    /** A token of environment {@code env}'s application stack as it reads in the template, e.g. {"Ref": "…"}. */
    static Object resolve(String env, Object token) {
        return environment(env).application().resolve(token);
    }

    static synchronized Template template(Stack stack) {
        return TEMPLATES.computeIfAbsent(stack, Template::fromStack);
    }

    static synchronized Annotations annotations(Stack stack) {
        template(stack);
        return ANNOTATIONS.computeIfAbsent(stack, Annotations::fromStack);
    }

    /** A new app with the cdk.json context and {@code context} over it, checked by cdk-nag, writing under target/. */
    static App appWithNag(Map<String, Object> context) {
        try {
            Files.createDirectories(Path.of("target"));
            var app = InfraApp.newApp(context, Files.createTempDirectory(Path.of("target"), "cdk.out-"));
            Aspects.of(app)
                    .add(new AwsSolutionsChecks(
                            NagPackProps.builder().verbose(true).build()));
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
