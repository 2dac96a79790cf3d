package com.example.myamazingapp.infra;

import static com.example.myamazingapp.infra.Synthesized.application;
import static com.example.myamazingapp.infra.Synthesized.resolve;
import static com.example.myamazingapp.infra.Synthesized.stack;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;

/** The document's "Application Load Balancer Details": ALB1, target_group1, listener1 and listener2. */
class LoadBalancerTest {

    @ParameterizedTest(
            name =
                    "{0}: ALB1 is internet-facing in public_subnet1 and public_subnet2, behind public_web_access, drops invalid header fields and logs to alb/")
    @ValueSource(strings = {"qa", "prod"})
    void alb1(String env) {
        var network = stack(env).network();
        var publicSubnets = network.vpc().getPublicSubnets().stream()
                .map(s -> resolve(env, s.getSubnetId()))
                .toList();
        application(env)
                .hasResourceProperties(
                        "AWS::ElasticLoadBalancingV2::LoadBalancer",
                        Map.of(
                                "Scheme", "internet-facing",
                                "Type", "application",
                                "Subnets", Match.arrayEquals(publicSubnets),
                                "SecurityGroups",
                                        List.of(resolve(
                                                env, network.publicWebAccess().getSecurityGroupId())),
                                "LoadBalancerAttributes",
                                        Match.arrayWith(List.of(
                                                Map.of(
                                                        "Key",
                                                        "deletion_protection.enabled",
                                                        "Value",
                                                        Boolean.toString(env.equals("prod"))),
                                                Map.of(
                                                        "Key",
                                                        "routing.http.drop_invalid_header_fields.enabled",
                                                        "Value",
                                                        "true"),
                                                Map.of("Key", "access_logs.s3.enabled", "Value", "true"),
                                                Map.of(
                                                        "Key",
                                                        "access_logs.s3.bucket",
                                                        "Value",
                                                        resolve(
                                                                env,
                                                                stack(env)
                                                                        .storage()
                                                                        .loggingBucket()
                                                                        .getBucketName())),
                                                Map.of("Key", "access_logs.s3.prefix", "Value", "alb")))));
    }

    @ParameterizedTest(
            name =
                    "{0}: listener1 is HTTPS 443 with the certificate and a modern TLS policy, forwarding to target_group1")
    @ValueSource(strings = {"qa", "prod"})
    void listener1(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::ElasticLoadBalancingV2::Listener",
                        Map.of(
                                "Protocol",
                                "HTTPS",
                                "Port",
                                443,
                                "SslPolicy",
                                "ELBSecurityPolicy-TLS13-1-2-2021-06",
                                "Certificates",
                                List.of(Map.of(
                                        "CertificateArn",
                                        Map.of("Ref", Match.stringLikeRegexp("^loadbalancercertificate.*")))),
                                "DefaultActions",
                                List.of(Map.of(
                                        "Type",
                                        "forward",
                                        "TargetGroupArn",
                                        resolve(
                                                env,
                                                stack(env)
                                                        .loadBalancer()
                                                        .targetGroup1()
                                                        .getTargetGroupArn())))));
    }

    @ParameterizedTest(name = "{0}: listener2 is HTTP 80 redirecting permanently (301) to HTTPS 443")
    @ValueSource(strings = {"qa", "prod"})
    void listener2(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::ElasticLoadBalancingV2::Listener",
                        Map.of(
                                "Protocol",
                                "HTTP",
                                "Port",
                                80,
                                "DefaultActions",
                                List.of(Map.of(
                                        "Type",
                                        "redirect",
                                        "RedirectConfig",
                                        Map.of("Protocol", "HTTPS", "Port", "443", "StatusCode", "HTTP_301")))));
        // prod has blue/green's closed test listener besides (BlueGreenTest).
        application(env).resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", env.equals("prod") ? 3 : 2);
    }

    @ParameterizedTest(
            name =
                    "{0}: the certificate is for the environment's domain, DNS-validated (by hand when no hosted zone is configured)")
    @ValueSource(strings = {"qa", "prod"})
    void certificate(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::CertificateManager::Certificate",
                        Map.of(
                                "DomainName",
                                env.equals("prod") ? "myamazingapp.example.com" : "qa.myamazingapp.example.com",
                                "ValidationMethod",
                                "DNS",
                                "DomainValidationOptions",
                                Match.absent()));
    }

    @ParameterizedTest(
            name =
                    "{0}: target_group1 has TargetType ip, port 3000, the liveness health check (a database outage takes no target out), 2/3 thresholds every 10 s and a 30 s deregistration delay")
    @ValueSource(strings = {"qa", "prod"})
    void targetGroup1(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::ElasticLoadBalancingV2::TargetGroup",
                        Map.of(
                                "TargetType",
                                "ip",
                                "Port",
                                3000,
                                "Protocol",
                                "HTTP",
                                "HealthCheckPath",
                                "/actuator/health/liveness",
                                "Matcher",
                                Map.of("HttpCode", "200"),
                                "HealthCheckIntervalSeconds",
                                10,
                                "HealthCheckTimeoutSeconds",
                                5,
                                "HealthyThresholdCount",
                                2,
                                "UnhealthyThresholdCount",
                                3,
                                "TargetGroupAttributes",
                                Match.arrayWith(List.of(
                                        Map.of("Key", "deregistration_delay.timeout_seconds", "Value", "30")))));
    }
}
