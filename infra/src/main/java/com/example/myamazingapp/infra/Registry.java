package com.example.myamazingapp.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.ssm.ParameterTier;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The document's myamazingapp_ecr_repo, one per environment (the QA and the Prod repository of the pipeline),
 * and the SSM parameter that names the image tag the pipeline last shipped into it.
 */
public class Registry extends Construct {

    /** The image-tag parameter's value until the pipeline ships its first image: the service then runs 0 tasks. */
    public static final String BOOTSTRAP_TAG = "bootstrap";

    private final Repository repository;
    private final StringParameter imageTagParameter;

    public Registry(Construct scope, String id, EnvironmentConfig config) {
        super(scope, id);
        repository = Repository.Builder.create(this, "myamazingapp_ecr_repo")
                .repositoryName("myamazingapp-" + config.name())
                .imageScanOnPush(true)
                // A tag always names the same image, so a rollback to a tag is a rollback to the same bits.
                .imageTagMutability(TagMutability.IMMUTABLE)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .description("keep the last " + config.ecrKeepImages() + " images")
                        .maxImageCount(config.ecrKeepImages())
                        .build()))
                .removalPolicy(config.deletionProtection() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();

        // CloudFormation only writes this value when the parameter is created: later deploys leave the
        // pipeline's tag alone because the template's value never changes.
        imageTagParameter = StringParameter.Builder.create(this, "image_tag")
                .parameterName(config.imageTagParameterName())
                .stringValue(BOOTSTRAP_TAG)
                .description("Tag of the myamazingapp image the pipeline last shipped to " + config.name()
                        + "; 'bootstrap' until the first one (the service then runs no task)")
                .tier(ParameterTier.STANDARD)
                .build();
    }

    public Repository repository() {
        return repository;
    }

    public StringParameter imageTagParameter() {
        return imageTagParameter;
    }
}
