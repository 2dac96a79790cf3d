package com.example.myamazingapp.infra;

import static com.example.myamazingapp.infra.Synthesized.application;
import static com.example.myamazingapp.infra.Synthesized.resolve;
import static com.example.myamazingapp.infra.Synthesized.stack;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The document's "ECS Fargate Cluster and Service Details". */
class ServiceTest {

    static String logicalId(String env, Object token) {
        return ((Map<?, ?>) resolve(env, token)).values().iterator().next().toString();
    }

    static Map<String, Object> container(String env) {
        return container(application(env));
    }

    /** The one container of the template's task definition. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> container(Template template) {
        var taskDefinition = template.findResources("AWS::ECS::TaskDefinition")
                .values()
                .iterator()
                .next();
        var properties = (Map<String, Object>) ((Map<String, Object>) taskDefinition).get("Properties");
        return ((List<Map<String, Object>>) properties.get("ContainerDefinitions")).getFirst();
    }

    @ParameterizedTest(
            name =
                    "{0}: the ECS Fargate cluster has Container Insights off (a cost switch): alarms and dashboard read the free service metrics")
    @ValueSource(strings = {"qa", "prod"})
    void cluster(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::ECS::Cluster",
                        Map.of("ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "disabled"))));
    }

    @ParameterizedTest(name = "{0}: the tasks run on Graviton (ARM64); qa on Fargate Spot, prod on Fargate")
    @ValueSource(strings = {"qa", "prod"})
    void architectureAndCapacity(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::ECS::TaskDefinition",
                        Map.of(
                                "RuntimePlatform",
                                Map.of("CpuArchitecture", "ARM64", "OperatingSystemFamily", "LINUX")));
        var service = application(env)
                .findResources("AWS::ECS::Service")
                .values()
                .iterator()
                .next()
                .toString();
        if (env.equals("prod")) {
            assertThat(service).contains("LaunchType=FARGATE").doesNotContain("FARGATE_SPOT");
        } else {
            assertThat(service).contains("CapacityProvider=FARGATE_SPOT").doesNotContain("LaunchType");
            application(env)
                    .hasResourceProperties(
                            "AWS::ECS::ClusterCapacityProviderAssociations",
                            Match.objectLike(Map.of("CapacityProviders", Match.arrayWith(List.of("FARGATE_SPOT")))));
        }
    }

    @ParameterizedTest(
            name =
                    "{0}: the task definition is awsvpc/FARGATE with execution and task roles, container web on 3000, read-only root with a /tmp volume")
    @ValueSource(strings = {"qa", "prod"})
    void taskDefinition(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::ECS::TaskDefinition",
                        Map.of(
                                "NetworkMode", "awsvpc",
                                "RequiresCompatibilities", List.of("FARGATE"),
                                "Cpu", "512",
                                "Memory", "1024",
                                "ExecutionRoleArn", Match.anyValue(),
                                "TaskRoleArn", Match.anyValue(),
                                "Volumes", List.of(Map.of("Name", "tmp"))));
        assertThat(container(env))
                .containsEntry("Name", "web")
                .containsEntry("PortMappings", List.of(Map.of("ContainerPort", 3000, "Protocol", "tcp")))
                .containsEntry("ReadonlyRootFilesystem", true)
                .containsEntry(
                        "MountPoints",
                        List.of(Map.of("ContainerPath", "/tmp", "ReadOnly", false, "SourceVolume", "tmp")));
    }

    @ParameterizedTest(
            name =
                    "{0}: the container gets exactly these environment variables; the application role's and the owner's passwords as secrets")
    @ValueSource(strings = {"qa", "prod"})
    @SuppressWarnings("unchecked")
    void environmentVariables(String env) {
        var variables = ((List<Map<String, Object>>) container(env).get("Environment"))
                .stream()
                        .collect(java.util.stream.Collectors.toMap(
                                v -> v.get("Name").toString(), v -> v.get("Value")));
        var s = stack(env);
        assertThat(variables)
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry("PORT", "3000"),
                        Map.entry("SPRING_PROFILES_ACTIVE", "aws"),
                        Map.entry(
                                "DATABASE_HOST",
                                resolve(env, s.database().instance().getDbInstanceEndpointAddress())),
                        Map.entry(
                                "DATABASE_PORT",
                                resolve(env, s.database().instance().getDbInstanceEndpointPort())),
                        Map.entry("DATABASE_NAME", "myamazingapp"),
                        Map.entry("DATABASE_USER", "myamazingapp_app"),
                        Map.entry("FLYWAY_USER", "myamazingapp"),
                        Map.entry(
                                "DATA_BUCKET",
                                resolve(env, s.storage().dataBucket().getBucketName())),
                        Map.entry(
                                "REPORTS_BUCKET",
                                resolve(env, s.storage().reportsBucket().getBucketName())),
                        Map.entry("REPORTS_URL", resolve(env, s.storage().reportsUrl())),
                        Map.entry("AWS_REGION", Map.of("Ref", "AWS::Region")),
                        Map.entry("MAX_UPLOAD_SIZE", "100MB"),
                        Map.entry(
                                "APP_HOST",
                                env.equals("qa") ? "qa.myamazingapp.example.com" : "myamazingapp.example.com")));
        var secrets = ((List<Map<String, Object>>) container(env).get("Secrets"))
                .stream()
                        .collect(java.util.stream.Collectors.toMap(
                                v -> v.get("Name").toString(), v -> v.get("ValueFrom")));
        var database = s.database();
        assertThat(secrets)
                .as("the application's role for the pool, the owner (master user) for Flyway")
                .containsOnlyKeys("DATABASE_PASSWORD", "FLYWAY_PASSWORD");
        assertThat(secrets.get("DATABASE_PASSWORD").toString())
                .contains(resolve(env, database.applicationCredentials().getSecretArn())
                        .toString())
                .contains(":password::");
        assertThat(secrets.get("FLYWAY_PASSWORD").toString())
                .contains(resolve(env, database.instance().getSecret().getSecretArn())
                        .toString())
                .contains(":password::");
    }

    @ParameterizedTest(name = "{0}: the container logs through awslogs to /myamazingapp/<env>/web with a retention")
    @ValueSource(strings = {"qa", "prod"})
    void logging(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::Logs::LogGroup",
                        Map.of(
                                "LogGroupName",
                                "/myamazingapp/" + env + "/web",
                                "RetentionInDays",
                                env.equals("prod") ? 90 : 30));
        assertThat(container(env).get("LogConfiguration").toString()).startsWith("{LogDriver=awslogs");
    }

    @ParameterizedTest(
            name =
                    "{0}: the application's logs are kept on S3: the log group streams to Firehose, which writes under app-logs/")
    @ValueSource(strings = {"qa", "prod"})
    void logsKeptOnS3(String env) {
        var s = stack(env);
        application(env)
                .hasResourceProperties(
                        "AWS::Logs::SubscriptionFilter",
                        Map.of(
                                "LogGroupName",
                                        resolve(env, s.service().logGroup().getLogGroupName()),
                                "DestinationArn",
                                        Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of("Arn"))))));
        application(env)
                .hasResourceProperties(
                        "AWS::KinesisFirehose::DeliveryStream",
                        Map.of(
                                "ExtendedS3DestinationConfiguration",
                                Match.objectLike(Map.of(
                                        "BucketARN",
                                                resolve(
                                                        env,
                                                        s.storage()
                                                                .loggingBucket()
                                                                .getBucketArn()),
                                        "Prefix", Match.stringLikeRegexp("^app-logs/.*")))));
    }

    @ParameterizedTest(
            name =
                    "{0}: the image is <env repository>:<image-tag parameter>, resolved by CloudFormation at deploy time")
    @ValueSource(strings = {"qa", "prod"})
    void imageFromTagParameter(String env) {
        var parameters = application(env)
                .findParameters(
                        "*",
                        Map.of(
                                "Type",
                                "AWS::SSM::Parameter::Value<String>",
                                "Default",
                                "/myamazingapp/" + env + "/image-tag"));
        assertThat(parameters).hasSize(1);
        var image = container(env).get("Image").toString();
        assertThat(image)
                .contains("Fn::ImportValue")
                .contains(":", parameters.keySet().iterator().next());
    }

    @ParameterizedTest(
            name =
                    "{0}: first deploy: 0 tasks while the image tag is 'bootstrap'; afterwards no DesiredCount (AWS::NoValue), so a deploy keeps autoscaling's count, and the configured autoscaling minimum; the maximum stays, so the pipeline's first release can start tasks")
    @ValueSource(strings = {"qa", "prod"})
    void firstDeploy(String env) {
        var desired = env.equals("prod") ? 2 : 1;
        var max = env.equals("prod") ? 6 : 2;
        var conditions = application(env)
                .findConditions(
                        "*",
                        Map.of(
                                "Fn::Equals",
                                List.of(
                                        Map.of(
                                                "Ref",
                                                application(env)
                                                        .findParameters(
                                                                "*",
                                                                Map.of("Type", "AWS::SSM::Parameter::Value<String>"))
                                                        .keySet()
                                                        .iterator()
                                                        .next()),
                                        "bootstrap")));
        assertThat(conditions).hasSize(1);
        var condition = conditions.keySet().iterator().next();
        application(env)
                .hasResourceProperties(
                        "AWS::ECS::Service",
                        Map.of("DesiredCount", Map.of("Fn::If", List.of(condition, 0, Map.of("Ref", "AWS::NoValue")))));
        application(env)
                .hasResourceProperties(
                        "AWS::ApplicationAutoScaling::ScalableTarget",
                        Map.of("MinCapacity", Map.of("Fn::If", List.of(condition, 0, desired)), "MaxCapacity", max));
    }

    @ParameterizedTest(
            name =
                    "{0}: the service runs on Fargate in the private subnets without public IP, in target_group1 on web:3000, with circuit breaker rollback and a grace period")
    @ValueSource(strings = {"qa", "prod"})
    void service(String env) {
        var s = stack(env);
        var privateSubnets = s.network().vpc().getPrivateSubnets().stream()
                .map(x -> resolve(env, x.getSubnetId()))
                .toList();
        application(env)
                .hasResourceProperties(
                        "AWS::ECS::Service",
                        Map.of(
                                "NetworkConfiguration",
                                        Map.of(
                                                "AwsvpcConfiguration",
                                                Map.of(
                                                        "AssignPublicIp", "DISABLED",
                                                        "Subnets", Match.arrayEquals(privateSubnets),
                                                        "SecurityGroups",
                                                                List.of(resolve(
                                                                        env,
                                                                        s.network()
                                                                                .albTargetGroupAccess()
                                                                                .getSecurityGroupId())))),
                                "LoadBalancers",
                                        List.of(Match.objectLike(Map.of(
                                                "ContainerName",
                                                "web",
                                                "ContainerPort",
                                                3000,
                                                "TargetGroupArn",
                                                resolve(
                                                        env,
                                                        s.loadBalancer()
                                                                .targetGroup1()
                                                                .getTargetGroupArn())))),
                                "DeploymentConfiguration",
                                        Match.objectLike(Map.of(
                                                "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true),
                                                "MinimumHealthyPercent", 100,
                                                "MaximumPercent", 200)),
                                "HealthCheckGracePeriodSeconds", 120));
    }

    @ParameterizedTest(name = "{0}: autoscaling tracks 60% CPU between the desired and the maximum count")
    @ValueSource(strings = {"qa", "prod"})
    void autoscaling(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::ApplicationAutoScaling::ScalingPolicy",
                        Map.of(
                                "PolicyType",
                                "TargetTrackingScaling",
                                "TargetTrackingScalingPolicyConfiguration",
                                Match.objectLike(Map.of(
                                        "TargetValue",
                                        60,
                                        "PredefinedMetricSpecification",
                                        Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization")))));
    }

    @ParameterizedTest(
            name =
                    "{0}: the task role may read/write the data bucket's files/ and write the reports bucket's reports/, nothing more")
    @ValueSource(strings = {"qa", "prod"})
    void taskRole(String env) {
        var s = stack(env);
        var data = resolve(env, s.storage().dataBucket().getBucketArn());
        var reports = resolve(env, s.storage().reportsBucket().getBucketArn());
        var taskRole = resolve(env, s.service().taskDefinition().getTaskRole().getRoleName());
        application(env)
                .hasResourceProperties(
                        "AWS::IAM::Policy",
                        Map.of(
                                "Roles", List.of(taskRole),
                                "PolicyDocument",
                                        Map.of(
                                                "Version",
                                                "2012-10-17",
                                                "Statement",
                                                List.of(
                                                        Map.of(
                                                                "Sid",
                                                                "DataBucketFiles",
                                                                "Effect",
                                                                "Allow",
                                                                "Action",
                                                                List.of(
                                                                        "s3:DeleteObject",
                                                                        "s3:GetObject",
                                                                        "s3:PutObject"),
                                                                "Resource",
                                                                Map.of(
                                                                        "Fn::Join",
                                                                        List.of("", List.of(data, "/files/*")))),
                                                        Map.of(
                                                                "Sid",
                                                                "DataBucketReachable",
                                                                "Effect",
                                                                "Allow",
                                                                "Action",
                                                                "s3:ListBucket",
                                                                "Resource",
                                                                data),
                                                        Map.of(
                                                                "Sid",
                                                                "ReportsBucketPublish",
                                                                "Effect",
                                                                "Allow",
                                                                "Action",
                                                                List.of(
                                                                        "s3:DeleteObject",
                                                                        "s3:GetObject",
                                                                        "s3:PutObject"),
                                                                "Resource",
                                                                Map.of(
                                                                        "Fn::Join",
                                                                        List.of("", List.of(reports, "/reports/*")))),
                                                        Map.of(
                                                                "Sid",
                                                                "ReportsBucketExists",
                                                                "Effect",
                                                                "Allow",
                                                                "Action",
                                                                "s3:ListBucket",
                                                                "Resource",
                                                                reports)))));
        assertThat(application(env)
                        .findResources(
                                "AWS::IAM::Policy",
                                Match.objectLike(Map.of("Properties", Map.of("Roles", List.of(taskRole))))))
                .hasSize(1);
    }

    @ParameterizedTest(name = "{0}: the execution role pulls from its own ECR repository and reads its database secret")
    @ValueSource(strings = {"qa", "prod"})
    void executionRole(String env) {
        var s = stack(env);
        var executionRole =
                resolve(env, s.service().taskDefinition().getExecutionRole().getRoleName());
        var policy = application(env)
                .findResources(
                        "AWS::IAM::Policy",
                        Match.objectLike(Map.of("Properties", Map.of("Roles", List.of(executionRole)))));
        assertThat(policy).hasSize(1);
        var text = policy.values().iterator().next().toString();
        assertThat(text)
                .contains("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:GetAuthorizationToken")
                .contains("myamazingapp-" + env + "-registry")
                .contains(
                        "secretsmanager:GetSecretValue",
                        logicalId(env, s.database().instance().getSecret().getSecretArn()))
                .doesNotContain("s3:");
    }

    @ParameterizedTest(
            name =
                    "{0}: deployTarget() gives the pipeline the repository, the service, container web, the URL and the tag parameter")
    @ValueSource(strings = {"qa", "prod"})
    void deployTarget(String env) {
        var environment = Synthesized.environment(env);
        var target = environment.deployTarget();
        assertThat(target.environmentName()).isEqualTo(env);
        assertThat(target.repository())
                .isSameAs(environment.registry().registry().repository());
        assertThat(target.service())
                .isSameAs(environment.application().service().service());
        assertThat(target.taskDefinition())
                .isSameAs(environment.application().service().taskDefinition());
        assertThat(target.containerName()).isEqualTo("web");
        assertThat(target.url())
                .isEqualTo(
                        env.equals("prod")
                                ? "https://myamazingapp.example.com"
                                : "https://qa.myamazingapp.example.com");
        assertThat(target.imageTagParameter())
                .isSameAs(environment.registry().registry().imageTagParameter());
    }
}
