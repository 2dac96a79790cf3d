package com.example.myamazingapp.infra;

import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/** What every stack of one environment shares: its account and region (optional) and its tags. */
abstract class EnvironmentStack extends Stack {

    EnvironmentStack(Construct scope, String id, EnvironmentConfig config, String description) {
        super(
                scope,
                id,
                StackProps.builder()
                        .env(Environment.builder()
                                .account(config.account())
                                .region(config.region())
                                .build())
                        .description(description)
                        .terminationProtection(config.deletionProtection())
                        .build());
        Tags.of(this).add("project", "myamazingapp");
        Tags.of(this).add("environment", config.name());
    }
}
