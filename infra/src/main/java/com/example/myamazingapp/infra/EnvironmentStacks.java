package com.example.myamazingapp.infra;

import software.constructs.Construct;

/**
 * The stacks of one environment (qa or prod), in deploy order: {@code myamazingapp-<env>-registry}, then
 * {@code myamazingapp-<env>}.
 */
public record EnvironmentStacks(EnvironmentConfig config, RegistryStack registry, ApplicationStack application) {

    public static EnvironmentStacks create(Construct scope, EnvironmentConfig config) {
        var registry = new RegistryStack(scope, "myamazingapp-" + config.name() + "-registry", config);
        var application = new ApplicationStack(scope, "myamazingapp-" + config.name(), config, registry.registry());
        application.addStackDependency(registry);
        return new EnvironmentStacks(config, registry, application);
    }

    /** What the pipeline needs to ship an image into this environment. */
    public DeployTarget deployTarget() {
        return new DeployTarget(
                config.name(),
                registry.registry().repository(),
                application.service().service(),
                application.service().taskDefinition(),
                config.service().desiredCount(),
                Service.CONTAINER,
                config.url(),
                registry.registry().imageTagParameter(),
                config.release().blueGreen() ? config.release().bakeMinutes() + 15 : 10,
                config.release().scanBlockSeverity());
    }
}
