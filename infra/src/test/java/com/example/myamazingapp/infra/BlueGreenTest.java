package com.example.myamazingapp.infra;

import static com.example.myamazingapp.infra.Synthesized.application;
import static com.example.myamazingapp.infra.Synthesized.resolve;
import static com.example.myamazingapp.infra.Synthesized.stack;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** Releases that cannot hurt users: ECS-native blue/green in prod, rolling in qa (blueGreen in cdk.json). */
class BlueGreenTest {

    @Test
    void prodReleasesBlueGreenWithABakeTimeAndRollsBackOnItsDeploymentAlarms() {
        var alarms = stack("prod").alarms().deploymentAlarms();
        application("prod")
                .hasResourceProperties(
                        "AWS::ECS::Service",
                        Map.of(
                                "DeploymentConfiguration",
                                Match.objectLike(Map.of(
                                        "Strategy",
                                        "BLUE_GREEN",
                                        "BakeTimeInMinutes",
                                        15,
                                        "Alarms",
                                        Map.of(
                                                "AlarmNames",
                                                alarms.stream()
                                                        .map(a -> resolve("prod", a.getAlarmName()))
                                                        .toList(),
                                                "Enable",
                                                true,
                                                "Rollback",
                                                true)))));
        assertThat(alarms.stream().map(a -> a.getNode().getId())).containsExactly("target-5xx-rate", "target-p99");
    }

    @Test
    void theNewTasksGoToTargetGroup2BehindTheProductionAndTestRules() {
        var lb = stack("prod").loadBalancer();
        application("prod")
                .hasResourceProperties(
                        "AWS::ECS::Service",
                        Map.of(
                                "LoadBalancers",
                                List.of(Match.objectLike(Map.of(
                                        "TargetGroupArn",
                                        resolve("prod", lb.targetGroup1().getTargetGroupArn()),
                                        "AdvancedConfiguration",
                                        Match.objectLike(Map.of(
                                                "AlternateTargetGroupArn",
                                                resolve(
                                                        "prod",
                                                        lb.targetGroup2().getTargetGroupArn()),
                                                "ProductionListenerRule",
                                                resolve(
                                                        "prod",
                                                        lb.productionRule().getListenerRuleArn()),
                                                "TestListenerRule",
                                                resolve("prod", lb.testRule().getListenerRuleArn()),
                                                "RoleArn",
                                                Match.anyValue())))))));
        application("prod").resourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 2);
        application("prod")
                .hasResourceProperties(
                        "AWS::ElasticLoadBalancingV2::TargetGroup",
                        Map.of("HealthCheckPath", "/actuator/health/liveness", "Port", 3000));
    }

    @Test
    void theTestListenerIsHttps8443AndNobodyOnTheInternetMayReachIt() {
        var lb = stack("prod").loadBalancer();
        application("prod")
                .hasResourceProperties(
                        "AWS::ElasticLoadBalancingV2::Listener",
                        Map.of("Port", 8443, "Protocol", "HTTPS", "Certificates", Match.anyValue()));
        application("prod")
                .hasResourceProperties(
                        "AWS::ElasticLoadBalancingV2::ListenerRule",
                        Map.of(
                                "Conditions",
                                List.of(Map.of(
                                        "Field", "path-pattern", "PathPatternConfig", Map.of("Values", List.of("/*")))),
                                "Actions",
                                List.of(Match.objectLike(Map.of(
                                        "Type",
                                        "forward",
                                        "ForwardConfig",
                                        Match.objectLike(Map.of(
                                                "TargetGroups",
                                                List.of(
                                                        Map.of(
                                                                "TargetGroupArn",
                                                                resolve(
                                                                        "prod",
                                                                        lb.targetGroup1()
                                                                                .getTargetGroupArn()),
                                                                "Weight",
                                                                100),
                                                        Map.of(
                                                                "TargetGroupArn",
                                                                resolve(
                                                                        "prod",
                                                                        lb.targetGroup2()
                                                                                .getTargetGroupArn()),
                                                                "Weight",
                                                                0)))))))));
        // public_web_access admits 8443 only from the smoke test hook's group (SmokeTestHookTest), no address range.
        application("prod")
                .resourcePropertiesCountIs(
                        "AWS::EC2::SecurityGroupIngress", Map.of("FromPort", 8443, "CidrIp", Match.anyValue()), 0);
        application("prod")
                .resourcePropertiesCountIs(
                        "AWS::EC2::SecurityGroup",
                        Map.of(
                                "SecurityGroupIngress",
                                Match.arrayWith(List.of(Match.objectLike(Map.of("FromPort", 8443))))),
                        0);
    }

    @Test
    void qaStaysRollingWithOneTargetGroup() {
        application("qa").resourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 1);
        application("qa").resourceCountIs("AWS::ElasticLoadBalancingV2::ListenerRule", 0);
        var services = application("qa").findResources("AWS::ECS::Service");
        assertThat(services.values().iterator().next().toString())
                .doesNotContain("BLUE_GREEN", "AdvancedConfiguration", "BakeTimeInMinutes");
    }
}
