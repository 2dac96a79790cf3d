package com.example.myamazingapp.infra;

import software.constructs.Construct;

/**
 * The environment's image registry and image-tag parameter, deployed before {@link ApplicationStack}: the application
 * stack resolves the tag parameter when its deploy starts, so the parameter must already exist, and the pipeline needs
 * the repository before it can push the first image.
 */
public class RegistryStack extends EnvironmentStack {

    private final Registry registry;

    public RegistryStack(Construct scope, String id, EnvironmentConfig config) {
        super(scope, id, config, "myamazingapp " + config.name() + ": ECR repository and image-tag parameter");
        registry = new Registry(this, "registry", config);
    }

    public Registry registry() {
        return registry;
    }
}
