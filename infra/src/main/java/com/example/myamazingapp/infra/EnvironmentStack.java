package com.example.myamazingapp.infra;

import java.util.List;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TagProps;
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
        // These have no Tags property in CloudFormation's schema (CDK's L1s claim one): tagging them fails the deploy
        // (cfn-lint E3002).
        var taggable = TagProps.builder()
                .excludeResourceTypes(
                        List.of("AWS::CloudWatch::Dashboard", "AWS::ElasticLoadBalancingV2::ListenerRule"))
                .build();
        Tags.of(this).add("project", "myamazingapp", taggable);
        Tags.of(this).add("environment", config.name(), taggable);
    }
}
