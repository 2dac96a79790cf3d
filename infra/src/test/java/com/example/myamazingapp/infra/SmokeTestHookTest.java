package com.example.myamazingapp.infra;

import static com.example.myamazingapp.infra.Synthesized.application;
import static com.example.myamazingapp.infra.Synthesized.resolve;
import static com.example.myamazingapp.infra.Synthesized.stack;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.iam.Policy;

/** Prod's new version passes the pipeline's smoke test through the test listener before any user request. */
class SmokeTestHookTest {

    private static final SmokeTestHook HOOK = stack("prod").smokeTestHook();

    private static Object prod(Object token) {
        return resolve("prod", token);
    }

    @Test
    void ecsCallsTheHookAfterTestTrafficReachesTheNewTasksAndBeforeProductionTraffic() {
        application("prod")
                .hasResourceProperties(
                        "AWS::ECS::Service",
                        Map.of(
                                "DeploymentConfiguration",
                                Match.objectLike(Map.of(
                                        "Strategy",
                                        "BLUE_GREEN",
                                        "LifecycleHooks",
                                        List.of(Map.of(
                                                "HookTargetArn",
                                                prod(HOOK.function().getFunctionArn()),
                                                "RoleArn",
                                                prod(HOOK.invokeRole().getRoleArn()),
                                                "LifecycleStages",
                                                List.of("POST_TEST_TRAFFIC_SHIFT")))))));
        var invokePolicy = (Policy) HOOK.invokeRole().getNode().findChild("DefaultPolicy");
        var policyId =
                stack("prod").getLogicalId((CfnElement) invokePolicy.getNode().getDefaultChild());
        assertThat(application("prod")
                        .findResources("AWS::ECS::Service")
                        .values()
                        .toString())
                .as("the service waits for ECS's permission to invoke the hook")
                .containsPattern("DependsOn=\\[[^\\]]*" + policyId);
    }

    @Test
    void theFunctionRunsTheSharedChecksAgainstTheTestListenerFromThePrivateSubnets() {
        var network = stack("prod").network();
        var privateSubnets = network.vpc().getPrivateSubnets().stream()
                .map(subnet -> prod(subnet.getSubnetId()))
                .toList();
        application("prod")
                .hasResourceProperties(
                        "AWS::Lambda::Function",
                        Map.of(
                                "Runtime", "python3.14",
                                "Handler", "hook.handler",
                                "Architectures", List.of("arm64"),
                                "Timeout", 180,
                                "VpcConfig",
                                        Map.of(
                                                "SubnetIds",
                                                privateSubnets,
                                                "SecurityGroupIds",
                                                List.of(prod(
                                                        HOOK.securityGroup().getSecurityGroupId()))),
                                "Environment",
                                        Map.of(
                                                "Variables",
                                                Map.of(
                                                        "TEST_LISTENER_URL",
                                                        "https://myamazingapp.example.com:8443",
                                                        "LOAD_BALANCER",
                                                        prod(stack("prod")
                                                                .loadBalancer()
                                                                .loadBalancer()
                                                                .getLoadBalancerFullName()),
                                                        "CLUSTER",
                                                        prod(stack("prod")
                                                                .service()
                                                                .service()
                                                                .getCluster()
                                                                .getClusterName()),
                                                        "SERVICE",
                                                        "myamazingapp-prod",
                                                        "SMOKE_TEST_TIMEOUT_SECONDS",
                                                        "120",
                                                        "SMOKE_TEST_INTERVAL_SECONDS",
                                                        "10")),
                                "LoggingConfig", Map.of("LogGroup", Match.anyValue())));
        application("prod")
                .hasResourceProperties(
                        "AWS::Logs::LogGroup",
                        Map.of("LogGroupName", "/myamazingapp/prod/smoke-test-hook", "RetentionInDays", 90));
    }

    @Test
    void ecsMayInvokeOnlyThisFunctionAndTheFunctionMayOnlyLogAndUseItsNetworkInterfaces() {
        application("prod")
                .hasResourceProperties(
                        "AWS::IAM::Role",
                        Map.of(
                                "AssumeRolePolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        List.of(Match.objectLike(
                                                Map.of("Principal", Map.of("Service", "ecs.amazonaws.com"))))))));
        assertThat(policyOf(HOOK.invokeRole().getRoleName()))
                .isEqualTo(List.of(Map.of(
                        "Sid", "InvokeSmokeTestHook",
                        "Effect", "Allow",
                        "Action", "lambda:InvokeFunction",
                        "Resource", prod(HOOK.function().getFunctionArn()))));

        var functionRole = HOOK.function().getRole().getRoleName();
        assertThat(policyOf(functionRole))
                .extracting(s -> s.get("Action"))
                .containsExactlyInAnyOrder(
                        List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        List.of(
                                "ec2:AssignPrivateIpAddresses",
                                "ec2:CreateNetworkInterface",
                                "ec2:DeleteNetworkInterface",
                                "ec2:DescribeNetworkInterfaces",
                                "ec2:UnassignPrivateIpAddresses"),
                        "ecs:DescribeServices");
        var describeServices = policyOf(functionRole).stream()
                .filter(statement -> "ecs:DescribeServices".equals(statement.get("Action")))
                .findFirst()
                .orElseThrow();
        assertThat(describeServices.get("Resource").toString())
                .as("this service only: service/<cluster>/myamazingapp-prod")
                .contains(
                        ":service/",
                        prod(stack("prod").service().service().getCluster().getClusterName())
                                .toString(),
                        "/myamazingapp-prod")
                .doesNotContain("*");
        var role = application("prod")
                .findResources(
                        "AWS::IAM::Role",
                        Match.objectLike(Map.of(
                                "Properties",
                                Match.objectLike(Map.of(
                                        "AssumeRolePolicyDocument",
                                        Match.objectLike(Map.of(
                                                "Statement",
                                                List.of(Match.objectLike(Map.of(
                                                        "Principal",
                                                        Map.of("Service", "lambda.amazonaws.com")))))))))));
        assertThat(role.values().toString()).doesNotContain("ManagedPolicyArns");
    }

    @Test
    void onlyTheHooksGroupReachesTheTestListenerAndTheHookReachesNothingElseInTheVpc() {
        var hookGroup = prod(HOOK.securityGroup().getSecurityGroupId());
        var albGroup = prod(stack("prod").network().publicWebAccess().getSecurityGroupId());

        var testPortIngress = application("prod")
                .findResources(
                        "AWS::EC2::SecurityGroupIngress",
                        Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("FromPort", 8443)))));
        assertThat(testPortIngress.values())
                .singleElement()
                .extracting(r -> ((Map<?, ?>) r).get("Properties"))
                .isEqualTo(Map.of(
                        "IpProtocol",
                        "tcp",
                        "FromPort",
                        8443,
                        "ToPort",
                        8443,
                        "GroupId",
                        Map.of("Fn::GetAtt", List.of(logicalId(albGroup), "GroupId")),
                        "SourceSecurityGroupId",
                        Map.of("Fn::GetAtt", List.of(logicalId(hookGroup), "GroupId")),
                        "Description",
                        "test listener from the smoke test hook only"));

        application("prod")
                .hasResourceProperties(
                        "AWS::EC2::SecurityGroupEgress",
                        Map.of(
                                "GroupId",
                                Map.of("Fn::GetAtt", List.of(logicalId(hookGroup), "GroupId")),
                                "DestinationSecurityGroupId",
                                Map.of("Fn::GetAtt", List.of(logicalId(albGroup), "GroupId")),
                                "FromPort",
                                8443,
                                "ToPort",
                                8443));
        application("prod")
                .resourcePropertiesCountIs(
                        "AWS::EC2::SecurityGroupEgress",
                        Map.of("GroupId", Map.of("Fn::GetAtt", List.of(logicalId(hookGroup), "GroupId"))),
                        1);
        application("prod")
                .hasResourceProperties(
                        "AWS::EC2::SecurityGroup",
                        Map.of(
                                "GroupDescription",
                                Match.stringLikeRegexp("smoke test hook.*"),
                                "SecurityGroupEgress",
                                List.of(Match.objectLike(Map.of(
                                        "CidrIp", "0.0.0.0/0", "FromPort", 443, "ToPort", 443, "IpProtocol", "tcp"))),
                                "SecurityGroupIngress",
                                Match.absent()));
        assertThat(application("prod").toJSON().toString())
                .as("no address range may reach the test listener")
                .doesNotContainPattern("CidrIp=[^,}]*, [^}]*FromPort=8443");
    }

    @Test
    void qaStaysRollingWithoutAHook() {
        assertThat(stack("qa").smokeTestHook()).isNull();
        assertThat(application("qa")
                        .findResources("AWS::Lambda::Function")
                        .values()
                        .toString())
                .doesNotContain("hook.handler");
        assertThat(application("qa").toJSON().toString()).doesNotContain("LifecycleHooks", "smoke-test-hook");
    }

    private static String logicalId(Object resolvedGetAtt) {
        return ((List<?>) ((Map<?, ?>) resolvedGetAtt).get("Fn::GetAtt"))
                .getFirst()
                .toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> policyOf(String roleName) {
        var policies = application("prod")
                .findResources(
                        "AWS::IAM::Policy",
                        Match.objectLike(
                                Map.of("Properties", Match.objectLike(Map.of("Roles", List.of(prod(roleName)))))));
        assertThat(policies).hasSize(1);
        var properties = (Map<String, Object>)
                ((Map<String, Object>) policies.values().iterator().next()).get("Properties");
        return (List<Map<String, Object>>) ((Map<String, Object>) properties.get("PolicyDocument")).get("Statement");
    }
}
