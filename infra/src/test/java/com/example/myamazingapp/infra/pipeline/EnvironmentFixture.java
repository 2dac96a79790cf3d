package com.example.myamazingapp.infra.pipeline;

import com.example.myamazingapp.infra.DeployTarget;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.amazon.awscdk.services.ssm.StringParameterAttributes;

/**
 * A minimal stand-in for one environment stack (VPC, cluster, Fargate service, ECR repository, image-tag parameter), so
 * the pipeline can be tested on its own. The real environments come from the infrastructure code.
 */
final class EnvironmentFixture {
    private EnvironmentFixture() {}

    static DeployTarget deployTarget(App app, String environment) {
        var stack = new Stack(app, "Fixture-" + environment);
        var vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(2).natGateways(0).build();
        var cluster = Cluster.Builder.create(stack, "Cluster").vpc(vpc).build();
        var repository = Repository.Builder.create(stack, "Repository")
                .repositoryName("myamazingapp-" + environment)
                .build();
        var imageTagName = "/myamazingapp/" + environment + "/image-tag";
        // Like the registry: the parameter is created outside CloudFormation's ownership and handed over by name.
        var imageTag = StringParameter.fromStringParameterAttributes(
                stack,
                "ImageTag",
                StringParameterAttributes.builder()
                        .parameterName(imageTagName)
                        .forceDynamicReference(true)
                        .build());
        var task = FargateTaskDefinition.Builder.create(stack, "Task")
                .family("myamazingapp-" + environment)
                .cpu(512)
                .memoryLimitMiB(1024)
                .build();
        task.addContainer(
                "web",
                ContainerDefinitionOptions.builder()
                        .containerName("web")
                        .image(ContainerImage.fromEcrRepository(
                                repository, StringParameter.valueForStringParameter(stack, imageTagName)))
                        .portMappings(List.of(
                                PortMapping.builder().containerPort(3000).build()))
                        .build());
        var service = FargateService.Builder.create(stack, "Service")
                .cluster(cluster)
                .taskDefinition(task)
                .desiredCount(0)
                .build();
        return new DeployTarget(
                environment,
                repository,
                service,
                task,
                environment.equals("prod") ? 2 : 1,
                "web",
                "https://" + environment + ".myamazingapp.example.com",
                imageTag,
                environment.equals("prod") ? 30 : 10,
                "CRITICAL");
    }
}
