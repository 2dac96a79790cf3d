package com.example.myamazingapp.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.certificatemanager.ICertificate;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ecs.FargatePlatformVersion;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.PropagatedTagSource;
import software.amazon.awscdk.services.ecs.Protocol;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.RedirectOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.LoadBalancerTarget;
import software.constructs.Construct;

/**
 * The document's ECS Fargate cluster and service behind ALB1: the load balancer with listener1 (HTTPS 443,
 * forward to target_group1) and listener2 (HTTP 80, redirect to HTTPS 443), the task definition with the
 * container {@value #CONTAINER}, the service in the private subnets, and its autoscaling.
 */
public class Service extends Construct {

    public static final String CONTAINER = "web";
    public static final String READINESS_PATH = "/actuator/health/readiness";

    /** What the service is made of, the ecs-patterns way. */
    public record Props(EnvironmentConfig config, Network network, Storage storage, Database database,
                        IRepository repository, String imageTag) {
    }

    private final ApplicationLoadBalancer loadBalancer;
    private final ApplicationTargetGroup targetGroup1;
    private final FargateTaskDefinition taskDefinition;
    private final FargateService service;
    private final LogGroup logGroup;

    public Service(Construct scope, String id, Props props) {
        super(scope, id);
        var config = props.config();
        var vpc = props.network().vpc();
        var zone = hostedZone(config);

        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "ALB1")
                .vpc(vpc)
                .internetFacing(true)
                .vpcSubnets(Network.publicSubnets())
                .securityGroup(props.network().publicWebAccess())
                .dropInvalidHeaderFields(true)
                .deletionProtection(config.deletionProtection())
                .build();
        // Access logs to the logging bucket under alb/ (its policy is in Storage, created before the ALB).
        loadBalancer.setAttribute("access_logs.s3.enabled", "true");
        loadBalancer.setAttribute("access_logs.s3.bucket", props.storage().loggingBucket().getBucketName());
        loadBalancer.setAttribute("access_logs.s3.prefix", Storage.ALB_LOGS);
        // ELB checks that it may write when the attribute is set: the bucket policy must exist first.
        loadBalancer.getNode().addDependency(props.storage().loggingBucket().getPolicy());

        targetGroup1 = ApplicationTargetGroup.Builder.create(this, "target_group1")
                .vpc(vpc)
                .targetType(TargetType.IP)
                .protocol(ApplicationProtocol.HTTP)
                .port(Network.APP_PORT)
                // In service after 2 x 10 s of readiness, out after 3 x 10 s of failures (docs/architecture.md).
                .healthCheck(HealthCheck.builder()
                        .path(READINESS_PATH)
                        .healthyHttpCodes("200")
                        .interval(Duration.seconds(10))
                        .timeout(Duration.seconds(5))
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(3)
                        .build())
                // Requests are short page views and uploads; 30 s drains them (the default 300 s slows deploys).
                .deregistrationDelay(Duration.seconds(30))
                .build();

        loadBalancer.addListener("listener1", BaseApplicationListenerProps.builder()
                .protocol(ApplicationProtocol.HTTPS)
                .port(443)
                .certificates(List.of(ListenerCertificate.fromCertificateManager(certificate(config, zone))))
                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                .defaultTargetGroups(List.of(targetGroup1))
                .open(false)
                .build());
        loadBalancer.addListener("listener2", BaseApplicationListenerProps.builder()
                .protocol(ApplicationProtocol.HTTP)
                .port(80)
                .defaultAction(ListenerAction.redirect(RedirectOptions.builder()
                        .protocol("HTTPS").port("443").permanent(true).build()))
                .open(false)
                .build());
        if (zone != null) {
            ARecord.Builder.create(this, "alias")
                    .zone(zone)
                    .recordName(config.domainName() + ".")
                    .target(RecordTarget.fromAlias(new LoadBalancerTarget(loadBalancer)))
                    .build();
        }

        var cluster = Cluster.Builder.create(this, "cluster")
                .vpc(vpc)
                .containerInsightsV2(ContainerInsights.ENABLED)
                .build();

        taskDefinition = FargateTaskDefinition.Builder.create(this, "task_definition")
                .family("myamazingapp-" + config.name())
                .cpu(config.cpu())
                .memoryLimitMiB(config.memoryMiB())
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .volumes(List.of(Volume.builder().name("tmp").build()))
                .build();
        logGroup = LogGroup.Builder.create(this, "web_logs")
                .logGroupName("/myamazingapp/" + config.name() + "/web")
                .retention(config.logRetention())
                .removalPolicy(config.deletionProtection() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        var container = taskDefinition.addContainer(CONTAINER, ContainerDefinitionOptions.builder()
                .containerName(CONTAINER)
                .image(ContainerImage.fromEcrRepository(props.repository(), props.imageTag()))
                .portMappings(List.of(PortMapping.builder()
                        .containerPort(Network.APP_PORT).protocol(Protocol.TCP).build()))
                .environment(environment(props))
                .secrets(Map.of("DATABASE_PASSWORD", props.database().passwordForTasks()))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
                        .logGroup(logGroup).streamPrefix(CONTAINER).build()))
                // Only /tmp (uploads in transit, Tomcat's work files) is writable.
                .readonlyRootFilesystem(true)
                .stopTimeout(Duration.seconds(30))
                .build());
        container.addMountPoints(MountPoint.builder()
                .sourceVolume("tmp").containerPath("/tmp").readOnly(false).build());

        grantApplicationAccess(props.storage());
        suppressNagFindings();

        // While the image tag is still 'bootstrap' the repository is empty: run no task until the pipeline ships.
        var bootstrap = CfnCondition.Builder.create(this, "ImageIsBootstrap")
                .expression(Fn.conditionEquals(props.imageTag(), Registry.BOOTSTRAP_TAG))
                .build();
        var desired = Token.asNumber(Fn.conditionIf(bootstrap.getLogicalId(), 0, config.desiredCount()));
        var maximum = Token.asNumber(Fn.conditionIf(bootstrap.getLogicalId(), 0, config.maxCount()));

        service = FargateService.Builder.create(this, "service")
                .serviceName("myamazingapp-" + config.name())
                .cluster(cluster)
                .taskDefinition(taskDefinition)
                .desiredCount(desired)
                .platformVersion(FargatePlatformVersion.LATEST)
                .vpcSubnets(Network.privateSubnets())
                .assignPublicIp(false)
                .securityGroups(List.of(props.network().albTargetGroupAccess()))
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                // The JVM starts and migrates the schema before readiness turns 200.
                .healthCheckGracePeriod(Duration.seconds(120))
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .propagateTags(PropagatedTagSource.SERVICE)
                .enableEcsManagedTags(true)
                .build();
        service.attachToApplicationTargetGroup(targetGroup1);

        var scaling = service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(desired)
                .maxCapacity(maximum)
                .build());
        scaling.scaleOnCpuUtilization("cpu_target_tracking", CpuUtilizationScalingProps.builder()
                .targetUtilizationPercent(60)
                .scaleOutCooldown(Duration.seconds(60))
                .scaleInCooldown(Duration.seconds(300))
                .build());
    }

    /**
     * The task role gets exactly the S3 calls the application makes: read, write and delete its files under
     * files/ plus HeadBucket (readiness) on the data bucket, and PUT under reports/ in the reports bucket.
     * The execution role gets the image pull and the password read from CDK's grants on the container.
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
                .actions(List.of("s3:PutObject"))
                .resources(List.of(storage.reportsBucket().arnForObjects("reports/*")))
                .build());
    }

    private void suppressNagFindings() {
        NagSuppressions.addResourceSuppressions(taskDefinition, List.of(
                NagPackSuppression.builder().id("AwsSolutions-IAM5")
                        .reason("The task role's object permissions are limited to the application's key prefixes "
                                + "files/* (data bucket) and reports/* (reports bucket); object keys are random UUIDs "
                                + "and report dates, so they cannot be listed one by one.")
                        .appliesTo(List.of(RegexAppliesTo.builder()
                                .regex("/^Resource::<storage\\w+\\.Arn>\\/(files|reports)\\/\\*$/g").build()))
                        .build(),
                NagPackSuppression.builder().id("AwsSolutions-IAM5")
                        .reason("ecr:GetAuthorizationToken, which the execution role needs to pull the image, "
                                + "only exists on resource '*'; the pull itself is limited to this environment's repository.")
                        .appliesTo(List.of("Resource::*"))
                        .build(),
                NagPackSuppression.builder().id("AwsSolutions-ECS2")
                        .reason("The environment variables are non-secret configuration (host names, bucket names, "
                                + "URLs, sizes); the only secret, DATABASE_PASSWORD, is an ECS secret.")
                        .build()), true);
    }

    /** The contract's environment variables; DATABASE_PASSWORD is a secret, the optional ones only when set. */
    private static Map<String, String> environment(Props props) {
        var config = props.config();
        var db = props.database().instance();
        var env = new LinkedHashMap<String, String>();
        env.put("PORT", Integer.toString(Network.APP_PORT));
        env.put("SPRING_PROFILES_ACTIVE", "aws");
        env.put("DATABASE_HOST", db.getDbInstanceEndpointAddress());
        env.put("DATABASE_PORT", db.getDbInstanceEndpointPort());
        env.put("DATABASE_NAME", Database.DATABASE_NAME);
        env.put("DATABASE_USER", Database.MASTER_USER);
        env.put("DATA_BUCKET", props.storage().dataBucket().getBucketName());
        env.put("REPORTS_BUCKET", props.storage().reportsBucket().getBucketName());
        env.put("REPORTS_URL", props.storage().reportsUrl());
        env.put("AWS_REGION", Aws.REGION);
        env.put("MAX_UPLOAD_SIZE", config.maxUploadSize());
        if (config.reportAdmins() != null) {
            env.put("REPORT_ADMINS", config.reportAdmins());
        }
        if (config.reportSchedule() != null) {
            env.put("REPORT_SCHEDULE", config.reportSchedule());
        }
        return env;
    }

    private IHostedZone hostedZone(EnvironmentConfig config) {
        return config.hostedZoneId() == null ? null : HostedZone.fromHostedZoneAttributes(this, "zone",
                HostedZoneAttributes.builder()
                        .hostedZoneId(config.hostedZoneId())
                        .zoneName(config.hostedZoneName())
                        .build());
    }

    /**
     * An existing certificate when its ARN is configured; else a new DNS-validated one: automatic with a hosted
     * zone, otherwise the deploy waits at the certificate until its validation CNAME is added to the DNS by hand.
     */
    private ICertificate certificate(EnvironmentConfig config, IHostedZone zone) {
        if (config.certificateArn() != null) {
            return Certificate.fromCertificateArn(this, "certificate", config.certificateArn());
        }
        return Certificate.Builder.create(this, "certificate")
                .domainName(config.domainName())
                .validation(zone == null ? CertificateValidation.fromDns() : CertificateValidation.fromDns(zone))
                .build();
    }

    public ApplicationLoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public ApplicationTargetGroup targetGroup1() {
        return targetGroup1;
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
