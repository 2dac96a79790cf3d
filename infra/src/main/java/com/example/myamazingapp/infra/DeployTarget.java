package com.example.myamazingapp.infra;

import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecs.IBaseService;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.ssm.IStringParameter;

/**
 * What the delivery pipeline needs to know of one environment (qa or prod) to ship an image into it.
 *
 * @param environmentName "qa" or "prod"
 * @param repository the environment's ECR repository, the only one its image build may push to
 * @param service the Fargate service the pipeline's ECS deploy action refreshes
 * @param taskDefinition that service's task definition: its family, task role and execution role are all the deploy
 *     action may register, tag and pass
 * @param desiredCount the configured number of tasks: the pipeline's release step starts this many when the service
 *     still runs 0 (the first release, while the image tag was 'bootstrap')
 * @param containerName the container in the task definition whose image the deploy action replaces
 * @param url the public HTTPS address of the environment, e.g. https://qa.myamazingapp.example.com
 * @param imageTagParameter the SSM parameter holding the image tag the pipeline last shipped; the task definition
 *     resolves its image from it at deploy time, so a later {@code cdk deploy} never rolls the service back to an older
 *     image than the pipeline deployed
 * @param releaseWaitMinutes how long the release step waits for the service to be stable: 10 for a rolling release, the
 *     bake time plus 15 for a blue/green one
 * @param scanBlockSeverity the lowest ECR scan finding severity that keeps an image from being promoted into this
 *     environment (CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL)
 */
public record DeployTarget(
        String environmentName,
        IRepository repository,
        IBaseService service,
        TaskDefinition taskDefinition,
        int desiredCount,
        String containerName,
        String url,
        IStringParameter imageTagParameter,
        int releaseWaitMinutes,
        String scanBlockSeverity) {}
