package com.example.myamazingapp.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.ssm.IStringParameter;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.amazon.awscdk.services.ssm.StringParameterAttributes;
import software.constructs.Construct;

/**
 * The document's myamazingapp_ecr_repo, one per environment (the QA and the Prod repository of the pipeline), and the
 * SSM parameter that names the image tag the pipeline last shipped into it.
 */
public class Registry extends Construct {

    /** The image-tag parameter's value until the pipeline ships its first image: the service then runs 0 tasks. */
    public static final String BOOTSTRAP_TAG = "bootstrap";

    private final Repository repository;
    private final IStringParameter imageTagParameter;

    public Registry(Construct scope, String id, EnvironmentConfig config) {
        super(scope, id);
        repository = Repository.Builder.create(this, "myamazingapp_ecr_repo")
                .repositoryName("myamazingapp-" + config.name())
                .imageScanOnPush(true)
                // A tag always names the same image, so a rollback to a tag is a rollback to the same bits.
                .imageTagMutability(TagMutability.IMMUTABLE)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .description("keep the last " + config.registry().keepImages() + " images")
                        .maxImageCount(config.registry().keepImages())
                        .build()))
                .removalPolicy(config.deletionProtection() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();

        // Created by a create-only custom resource, not an AWS::SSM::Parameter: CloudFormation would write the
        // template's 'bootstrap' back on any update of that resource (a description, a tag), and the next deploy of
        // the application stack would then scale the service to 0. PutParameter without Overwrite on create, nothing
        // on update, DeleteParameter on delete: after creation only the pipeline's release step writes the value.
        var name = config.imageTagParameterName();
        // By name only: fromStringParameterName would add a CloudFormation parameter resolving the value, which
        // fails the registry stack's first deploy (the parameter does not exist yet) and which nothing here reads.
        imageTagParameter = StringParameter.fromStringParameterAttributes(
                this,
                "image_tag",
                StringParameterAttributes.builder()
                        .parameterName(name)
                        .forceDynamicReference(true)
                        .build());
        var logs = LogGroup.Builder.create(this, "image_tag_logs")
                .retention(config.logs().retention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // Our own role instead of CDK's default with the managed AWSLambdaBasicExecutionRole (logs anywhere).
        var role = Role.Builder.create(this, "image_tag_role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Creates (once) and deletes the image-tag parameter " + name)
                .build();
        logs.grantWrite(role);
        AwsCustomResource.Builder.create(this, "image_tag_parameter")
                .resourceType("Custom::ImageTagParameter")
                .onCreate(AwsSdkCall.builder()
                        .service("SSM")
                        .action("putParameter")
                        .parameters(Map.of(
                                "Name",
                                name,
                                "Value",
                                BOOTSTRAP_TAG,
                                "Type",
                                "String",
                                "Tier",
                                "Standard",
                                "Overwrite",
                                false,
                                "Description",
                                "Tag of the myamazingapp image the pipeline last shipped to " + config.name()
                                        + "; 'bootstrap' until the first one (the service then runs no task)",
                                "Tags",
                                List.of(
                                        Map.of("Key", "project", "Value", "myamazingapp"),
                                        Map.of("Key", "environment", "Value", config.name()))))
                        .physicalResourceId(PhysicalResourceId.of(name))
                        .build())
                .onDelete(AwsSdkCall.builder()
                        .service("SSM")
                        .action("deleteParameter")
                        .parameters(Map.of("Name", name))
                        .build())
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("ssm:PutParameter", "ssm:AddTagsToResource", "ssm:DeleteParameter"))
                        .resources(List.of(imageTagParameter.getParameterArn()))
                        .build())))
                .role(role)
                .logGroup(logs)
                .installLatestAwsSdk(false)
                .build();
    }

    public Repository repository() {
        return repository;
    }

    /** The parameter the custom resource created; CloudFormation never owns its value. */
    public IStringParameter imageTagParameter() {
        return imageTagParameter;
    }
}
