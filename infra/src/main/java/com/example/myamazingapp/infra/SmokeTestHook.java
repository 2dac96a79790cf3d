package com.example.myamazingapp.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ecs.DeploymentLifecycleLambdaTarget;
import software.amazon.awscdk.services.ecs.DeploymentLifecycleLambdaTargetProps;
import software.amazon.awscdk.services.ecs.DeploymentLifecycleStage;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.assets.AssetOptions;
import software.constructs.Construct;

/**
 * Blue/green's gate before users: at POST_TEST_TRAFFIC_SHIFT, when ALB1's test listener forwards to the new tasks and
 * the production listener does not yet, ECS calls a function that runs the pipeline's smoke test (the checks of
 * {@code infra/lambda/smoke-test/checks.tsv}, also read by SmokeTestQA's script) through the test listener. A failed
 * check makes it answer FAILED and ECS rolls the release back; no user request ever reached the new version.
 */
public class SmokeTestHook extends Construct {

    /**
     * infra/lambda/smoke-test, the function's code and the shared checks, found from this class's build output
     * (infra/target/classes): the synth runs inside Maven's JVM, whose working directory is the repository's root,
     * while tests run in infra/.
     */
    public static Path codeDirectory() {
        try {
            var classes = Path.of(SmokeTestHook.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return classes.resolve("../../lambda/smoke-test").normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How long the checks are retried before the hook fails, as the QA smoke test retries. */
    static final int TIMEOUT_SECONDS = 120;

    /**
     * @param config the environment
     * @param network ALB1's group (public_web_access), which admits the test port from this function only
     * @param loadBalancer ALB1, whose test listener is checked
     * @param service the blue/green service that calls the hook
     */
    public record Props(EnvironmentConfig config, Network network, LoadBalancer loadBalancer, FargateService service) {}

    private final Function function;
    private final SecurityGroup securityGroup;
    private final Role invokeRole;

    public SmokeTestHook(Construct scope, String id, Props props) {
        super(scope, id);
        var config = props.config();
        var albGroup = props.network().publicWebAccess();

        securityGroup = SecurityGroup.Builder.create(this, "security_group")
                .vpc(props.network().vpc())
                .description("smoke test hook: reaches the ALB1 test listener, and the EC2 and ECS APIs")
                .allowAllOutbound(false)
                .build();
        securityGroup.addEgressRule(albGroup, Port.tcp(LoadBalancer.TEST_PORT), "ALB1 test listener");
        // Two read-only calls (ALB1's addresses, the desired count); API addresses vary, hence anywhere, as for the
        // tasks.
        securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS to the EC2 and ECS APIs");
        albGroup.addIngressRule(
                securityGroup, Port.tcp(LoadBalancer.TEST_PORT), "test listener from the smoke test hook only");

        var logGroup = LogGroup.Builder.create(this, "logs")
                .logGroupName("/myamazingapp/" + config.name() + "/smoke-test-hook")
                .retention(config.logs().retention())
                .removalPolicy(config.deletionProtection() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();

        var role = Role.Builder.create(this, "role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("myamazingapp " + config.name()
                        + " smoke test hook: its log, its network interfaces, the service's desired count")
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("OwnLog")
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn()))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("VpcNetworkInterfaces")
                .actions(List.of(
                        "ec2:CreateNetworkInterface",
                        "ec2:DescribeNetworkInterfaces",
                        "ec2:DeleteNetworkInterface",
                        "ec2:AssignPrivateIpAddresses",
                        "ec2:UnassignPrivateIpAddresses"))
                .resources(List.of("*"))
                .build());

        var service = props.service();
        var clusterName = service.getCluster().getClusterName();
        // The name the service is given, not a reference to it: the service refers to this function already.
        var serviceName = "myamazingapp-" + config.name();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("DesiredCount")
                .actions(List.of("ecs:DescribeServices"))
                .resources(List.of(Stack.of(this)
                        .formatArn(ArnComponents.builder()
                                .service("ecs")
                                .resource("service")
                                .resourceName(clusterName + "/" + serviceName)
                                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                                .build())))
                .build());

        function = Function.Builder.create(this, "function")
                .description("myamazingapp " + config.name()
                        + ": the new version passes the smoke test through the test listener before users reach it")
                .runtime(Runtime.PYTHON_3_14)
                .architecture(Architecture.ARM_64)
                .handler("hook.handler")
                .code(Code.fromAsset(
                        codeDirectory().toString(),
                        AssetOptions.builder().exclude(List.of("__pycache__")).build()))
                .memorySize(128)
                // The checks' retries, plus one last round of requests (10 s each at most).
                .timeout(Duration.seconds(TIMEOUT_SECONDS + 60))
                .role(role)
                .logGroup(logGroup)
                .vpc(props.network().vpc())
                .vpcSubnets(Network.privateSubnets())
                .securityGroups(List.of(securityGroup))
                .environment(Map.of(
                        "TEST_LISTENER_URL",
                        "https://" + config.domain().domainName() + ":" + LoadBalancer.TEST_PORT,
                        "LOAD_BALANCER",
                        props.loadBalancer().loadBalancer().getLoadBalancerFullName(),
                        "CLUSTER",
                        clusterName,
                        "SERVICE",
                        serviceName,
                        "SMOKE_TEST_TIMEOUT_SECONDS",
                        Integer.toString(TIMEOUT_SECONDS),
                        "SMOKE_TEST_INTERVAL_SECONDS",
                        "10"))
                .build();

        // ECS's own role for the hook: it may invoke this function, nothing else (CDK's default would add ":*").
        invokeRole = Role.Builder.create(this, "invoke_role")
                .assumedBy(new ServicePrincipal("ecs.amazonaws.com"))
                .description("ECS calls the smoke test hook of myamazingapp-" + config.name())
                .build();
        invokeRole.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("InvokeSmokeTestHook")
                .actions(List.of("lambda:InvokeFunction"))
                .resources(List.of(function.getFunctionArn()))
                .build());
        // The service's first release with the hook must find ECS's permission already in place.
        service.getNode().addDependency(invokeRole);
        service.addLifecycleHook(new DeploymentLifecycleLambdaTarget(
                function,
                "smoke_test",
                DeploymentLifecycleLambdaTargetProps.builder()
                        .lifecycleStages(List.of(DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT))
                        .role(invokeRole)
                        .build()));

        NagSuppressions.addResourceSuppressions(
                role,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("A function in a VPC needs these EC2 network-interface actions, which take no "
                                + "resource narrower than '*' (the same as AWS's AWSLambdaVPCAccessExecutionRole); "
                                + "DescribeNetworkInterfaces also finds ALB1's private addresses.")
                        .appliesTo(List.of("Resource::*"))
                        .build()),
                true);
    }

    public Function function() {
        return function;
    }

    public SecurityGroup securityGroup() {
        return securityGroup;
    }

    public Role invokeRole() {
        return invokeRole;
    }
}
