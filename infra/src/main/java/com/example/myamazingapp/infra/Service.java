package com.example.myamazingapp.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecs.AlternateTarget;
import software.amazon.awscdk.services.ecs.AlternateTargetProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.CapacityProviderStrategy;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.DeploymentStrategy;
import software.amazon.awscdk.services.ecs.FargatePlatformVersion;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.ListenerRuleConfiguration;
import software.amazon.awscdk.services.ecs.LoadBalancerTargetOptions;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.PropagatedTagSource;
import software.amazon.awscdk.services.ecs.Protocol;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The document's "ECS Fargate Cluster and Service Details": the cluster, the task definition with the container
 * {@value #CONTAINER}, the service in the private subnets registered in ALB1's target_group1, and its autoscaling.
 */
public class Service extends Construct {

    public static final String CONTAINER = "web";

    /** What the service is made of, the ecs-patterns way. */
    public record Props(
            EnvironmentConfig config,
            Network network,
            Storage storage,
            Database database,
            LoadBalancer loadBalancer,
            IRepository repository,
            String imageTag) {}

    private final FargateTaskDefinition taskDefinition;
    private final FargateService service;
    private final LogGroup logGroup;
    private final CfnCondition imageIsBootstrap;

    public Service(Construct scope, String id, Props props) {
        super(scope, id);
        var config = props.config();
        var vpc = props.network().vpc();

        var cluster = Cluster.Builder.create(this, "cluster")
                .vpc(vpc)
                .containerInsightsV2(
                        config.service().containerInsights() ? ContainerInsights.ENABLED : ContainerInsights.DISABLED)
                .enableFargateCapacityProviders(config.service().fargateSpot())
                .build();
        if (!config.service().containerInsights()) {
            NagSuppressions.addResourceSuppressions(
                    cluster,
                    List.of(NagPackSuppression.builder()
                            .id("AwsSolutions-ECS4")
                            .reason("Container Insights is configured off for " + config.name() + " (about 10 USD a "
                                    + "month, docs/cost.md): the service's CPU and memory, its running tasks (the "
                                    + "CPU metric's sample count) and the target group's health are free CloudWatch "
                                    + "metrics, and the alarms and the dashboard read those.")
                            .build()),
                    true);
        }

        taskDefinition = FargateTaskDefinition.Builder.create(this, "task_definition")
                .family("myamazingapp-" + config.name())
                .cpu(config.service().cpu())
                .memoryLimitMiB(config.service().memoryMiB())
                .runtimePlatform(RuntimePlatform.builder()
                        // Graviton: about 20 % less than x86 for the same size; the pipeline builds an arm64 image.
                        .cpuArchitecture(CpuArchitecture.ARM64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .volumes(List.of(Volume.builder().name("tmp").build()))
                .build();
        logGroup = LogGroup.Builder.create(this, "web_logs")
                .logGroupName("/myamazingapp/" + config.name() + "/web")
                .retention(config.logs().retention())
                .removalPolicy(config.deletionProtection() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        var container = taskDefinition.addContainer(
                CONTAINER,
                ContainerDefinitionOptions.builder()
                        .containerName(CONTAINER)
                        .image(ContainerImage.fromEcrRepository(props.repository(), props.imageTag()))
                        .portMappings(List.of(PortMapping.builder()
                                .containerPort(Network.APP_PORT)
                                .protocol(Protocol.TCP)
                                .build()))
                        .environment(environment(props))
                        // Two users: the application's role for its pool, the schema's owner for Flyway at start.
                        .secrets(new TreeMap<>(Map.of(
                                "DATABASE_PASSWORD", props.database().applicationPassword(),
                                "FLYWAY_PASSWORD", props.database().ownerPassword())))
                        .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
                                .logGroup(logGroup)
                                .streamPrefix(CONTAINER)
                                .build()))
                        // Only /tmp (uploads in transit, Tomcat's work files) is writable.
                        .readonlyRootFilesystem(true)
                        .stopTimeout(Duration.seconds(30))
                        .build());
        container.addMountPoints(MountPoint.builder()
                .sourceVolume("tmp")
                .containerPath("/tmp")
                .readOnly(false)
                .build());

        grantApplicationAccess(props.storage());
        suppressNagFindings();

        // While the image tag is still 'bootstrap' the repository is empty: run no task until the pipeline ships. Once
        // an image exists the template names no count (AWS::NoValue), so an update keeps the count autoscaling chose.
        var bootstrap = CfnCondition.Builder.create(this, "ImageIsBootstrap")
                .expression(Fn.conditionEquals(props.imageTag(), Registry.BOOTSTRAP_TAG))
                .build();
        imageIsBootstrap = bootstrap;
        var desired = Token.asNumber(
                Fn.conditionIf(bootstrap.getLogicalId(), 0, config.service().desiredCount()));
        var desiredUntilShipped = Token.asNumber(Fn.conditionIf(bootstrap.getLogicalId(), 0, Aws.NO_VALUE));

        var blueGreen = config.release().blueGreen();
        service = FargateService.Builder.create(this, "service")
                .serviceName("myamazingapp-" + config.name())
                .cluster(cluster)
                .taskDefinition(taskDefinition)
                .desiredCount(desiredUntilShipped)
                .capacityProviderStrategies(
                        config.service().fargateSpot()
                                ? List.of(CapacityProviderStrategy.builder()
                                        .capacityProvider("FARGATE_SPOT")
                                        .weight(1)
                                        .build())
                                : null)
                .platformVersion(FargatePlatformVersion.LATEST)
                .vpcSubnets(Network.privateSubnets())
                .assignPublicIp(false)
                .securityGroups(List.of(props.network().albTargetGroupAccess()))
                .circuitBreaker(DeploymentCircuitBreaker.builder()
                        .enable(true)
                        .rollback(true)
                        .build())
                // The JVM starts and migrates the schema before readiness turns 200.
                .healthCheckGracePeriod(Duration.seconds(120))
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .propagateTags(PropagatedTagSource.SERVICE)
                .enableEcsManagedTags(true)
                .deploymentStrategy(blueGreen ? DeploymentStrategy.BLUE_GREEN : DeploymentStrategy.ROLLING)
                .bakeTime(blueGreen ? Duration.minutes(config.release().bakeMinutes()) : null)
                .build();
        registerTargets(props.loadBalancer(), blueGreen);

        var scaling = service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(desired)
                // Not 0 while bootstrapping: the pipeline's first release starts the configured count by hand, and
                // Application Auto Scaling would bring a service above its maximum back down to it.
                .maxCapacity(config.service().maxCount())
                .build());
        scaling.scaleOnCpuUtilization(
                "cpu_target_tracking",
                CpuUtilizationScalingProps.builder()
                        .targetUtilizationPercent(60)
                        .scaleOutCooldown(Duration.seconds(60))
                        .scaleInCooldown(Duration.seconds(300))
                        .build());
    }

    /**
     * Rolling: the tasks are target_group1's. Blue/green: the same, with target_group2 as the alternate that ECS fills
     * with the new tasks, the test rule it points at them first and the production rule it then switches (CDK adds the
     * role ECS uses to change the rules).
     */
    private void registerTargets(LoadBalancer loadBalancer, boolean blueGreen) {
        if (!blueGreen) {
            service.attachToApplicationTargetGroup(loadBalancer.targetGroup1());
            return;
        }
        loadBalancer
                .targetGroup1()
                .addTarget(service.loadBalancerTarget(LoadBalancerTargetOptions.builder()
                        .containerName(CONTAINER)
                        .containerPort(Network.APP_PORT)
                        .alternateTarget(new AlternateTarget(
                                "alternate",
                                AlternateTargetProps.builder()
                                        .alternateTargetGroup(loadBalancer.targetGroup2())
                                        .productionListener(ListenerRuleConfiguration.applicationListenerRule(
                                                loadBalancer.productionRule()))
                                        .testListener(ListenerRuleConfiguration.applicationListenerRule(
                                                loadBalancer.testRule()))
                                        .build()))
                        .build()));
        NagSuppressions.addResourceSuppressions(
                service,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM4")
                        .reason("The role ECS assumes to switch the listener rules and target groups of a blue/green "
                                + "release: AWS's managed policy for exactly that (ECS infrastructure role for load "
                                + "balancers), kept current by AWS as the deployment needs change.")
                        .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/"
                                + "AmazonECSInfrastructureRolePolicyForLoadBalancers"))
                        .build()),
                true);
    }

    /**
     * The task role gets exactly the S3 calls the application makes: read, write and delete its files under files/ plus
     * HeadBucket (readiness) on the data bucket, and under reports/ in the reports bucket PUT, plus GET and DELETE for
     * a failed run that puts the previous latest/ back (CopyObject reads its dated folder) or removes it. The execution
     * role gets the image pull and the password read from CDK's grants on the container.
     */
    private void grantApplicationAccess(Storage storage) {
        var taskRole = taskDefinition.getTaskRole();
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("DataBucketFiles")
                .actions(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"))
                .resources(List.of(storage.dataBucket().arnForObjects("files/*")))
                .build());
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("DataBucketReachable")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(storage.dataBucket().getBucketArn()))
                .build());
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReportsBucketPublish")
                .actions(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"))
                .resources(List.of(storage.reportsBucket().arnForObjects("reports/*")))
                .build());
        // Dated reports are write-once: the job asks HeadObject whether one exists, and without ListBucket S3 answers
        // 403 instead of 404 for a missing key. The keys are report dates, published anyway.
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReportsBucketExists")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(storage.reportsBucket().getBucketArn()))
                .build());
    }

    private void suppressNagFindings() {
        NagSuppressions.addResourceSuppressions(
                taskDefinition,
                List.of(
                        NagPackSuppression.builder()
                                .id("AwsSolutions-IAM5")
                                .reason(
                                        "The task role's object permissions are limited to the application's key prefixes "
                                                + "files/* (data bucket) and reports/* (reports bucket); object keys are random UUIDs "
                                                + "and report dates, so they cannot be listed one by one.")
                                .appliesTo(List.of(RegexAppliesTo.builder()
                                        .regex("/^Resource::<storage\\w+\\.Arn>\\/(files|reports)\\/\\*$/g")
                                        .build()))
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-IAM5")
                                .reason(
                                        "ecr:GetAuthorizationToken, which the execution role needs to pull the image, "
                                                + "only exists on resource '*'; the pull itself is limited to this environment's repository.")
                                .appliesTo(List.of("Resource::*"))
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-ECS2")
                                .reason(
                                        "The environment variables are non-secret configuration (host names, bucket names, "
                                                + "URLs, sizes); the secrets, DATABASE_PASSWORD and FLYWAY_PASSWORD, are ECS secrets.")
                                .build()),
                true);
    }

    /**
     * The container's environment variables, the ones the application reads (EnvironmentContractTest compares both);
     * DATABASE_PASSWORD and FLYWAY_PASSWORD are secrets, the optional ones only when set.
     */
    private static Map<String, String> environment(Props props) {
        var config = props.config();
        var db = props.database().instance();
        var env = new LinkedHashMap<String, String>();
        env.put("PORT", Integer.toString(Network.APP_PORT));
        env.put("SPRING_PROFILES_ACTIVE", "aws");
        env.put("DATABASE_HOST", db.getDbInstanceEndpointAddress());
        env.put("DATABASE_PORT", db.getDbInstanceEndpointPort());
        env.put("DATABASE_NAME", Database.DATABASE_NAME);
        env.put("DATABASE_USER", Database.APPLICATION_USER);
        env.put("FLYWAY_USER", Database.MASTER_USER);
        env.put("DATA_BUCKET", props.storage().dataBucket().getBucketName());
        env.put("REPORTS_BUCKET", props.storage().reportsBucket().getBucketName());
        env.put("REPORTS_URL", props.storage().reportsUrl());
        env.put("AWS_REGION", Aws.REGION);
        env.put("MAX_UPLOAD_SIZE", config.service().maxUploadSize());
        // The application's own host name: links and redirects never take theirs from a request's Host header.
        env.put("APP_HOST", config.domain().domainName());
        if (config.reports().admins() != null) {
            env.put("REPORT_ADMINS", config.reports().admins());
        }
        if (config.reports().schedule() != null) {
            env.put("REPORT_SCHEDULE", config.reports().schedule());
        }
        return env;
    }

    /** True while the image tag is still 'bootstrap': the service then runs no task on purpose (0 is its minimum). */
    public CfnCondition imageIsBootstrap() {
        return imageIsBootstrap;
    }

    public FargateTaskDefinition taskDefinition() {
        return taskDefinition;
    }

    public FargateService service() {
        return service;
    }

    /** The container's log group (awslogs). */
    public LogGroup logGroup() {
        return logGroup;
    }
}
