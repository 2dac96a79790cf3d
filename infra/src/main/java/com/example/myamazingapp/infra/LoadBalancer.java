package com.example.myamazingapp.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.certificatemanager.ICertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListenerRule;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.IListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.RedirectOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.elasticloadbalancingv2.WeightedTargetGroup;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.LoadBalancerTarget;
import software.constructs.Construct;

/**
 * The document's "Application Load Balancer Details": ALB1 in the public subnets behind public_web_access,
 * target_group1 (TargetType ip, port 3000), listener1 (HTTPS 443 with the domain's certificate, forward to
 * target_group1) and listener2 (HTTP 80, redirect to HTTPS 443); with blue/green releases also target_group2 and the
 * test listener listener3.
 */
public class LoadBalancer extends Construct {

    /**
     * The target group's health check: can the process serve (liveness), not whether PostgreSQL and the bucket answer.
     * A database failover would otherwise take every target out and have ECS replace every task; the requests that need
     * the database answer 503 meanwhile. Readiness ({@code /actuator/health/readiness}) is for people and the smoke
     * test.
     */
    public static final String HEALTH_CHECK_PATH = "/actuator/health/liveness";

    /** listener3, blue/green's test listener: closed to the internet. */
    public static final int TEST_PORT = 8443;

    private final ApplicationLoadBalancer loadBalancer;
    private final ApplicationTargetGroup targetGroup1;
    private ApplicationTargetGroup targetGroup2;
    private ApplicationListenerRule productionRule;
    private ApplicationListenerRule testRule;

    public LoadBalancer(Construct scope, String id, EnvironmentConfig config, Network network, Storage storage) {
        super(scope, id);
        var vpc = network.vpc();
        var zone = hostedZone(config);

        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "ALB1")
                .vpc(vpc)
                .internetFacing(true)
                .vpcSubnets(Network.publicSubnets())
                .securityGroup(network.publicWebAccess())
                .dropInvalidHeaderFields(true)
                .deletionProtection(config.deletionProtection())
                .build();
        // Access logs to the logging bucket under alb/ (its policy is in Storage, created before the ALB).
        loadBalancer.setAttribute("access_logs.s3.enabled", "true");
        loadBalancer.setAttribute(
                "access_logs.s3.bucket", storage.loggingBucket().getBucketName());
        loadBalancer.setAttribute("access_logs.s3.prefix", Storage.ALB_LOGS);
        // ELB checks that it may write when the attribute is set: the bucket policy must exist first.
        loadBalancer.getNode().addDependency(storage.loggingBucket().getPolicy());

        targetGroup1 = targetGroup("target_group1", network);

        var certificate = ListenerCertificate.fromCertificateManager(certificate(config, zone));
        var listener1 = loadBalancer.addListener(
                "listener1",
                BaseApplicationListenerProps.builder()
                        .protocol(ApplicationProtocol.HTTPS)
                        .port(443)
                        .certificates(List.of(certificate))
                        .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                        .defaultTargetGroups(List.of(targetGroup1))
                        .open(false)
                        .build());
        loadBalancer.addListener(
                "listener2",
                BaseApplicationListenerProps.builder()
                        .protocol(ApplicationProtocol.HTTP)
                        .port(80)
                        .defaultAction(ListenerAction.redirect(RedirectOptions.builder()
                                .protocol("HTTPS")
                                .port("443")
                                .permanent(true)
                                .build()))
                        .open(false)
                        .build());
        if (config.release().blueGreen()) {
            blueGreen(network, listener1, certificate);
        }
        if (zone != null) {
            ARecord.Builder.create(this, "alias")
                    .zone(zone)
                    .recordName(config.domain().domainName() + ".")
                    .target(RecordTarget.fromAlias(new LoadBalancerTarget(loadBalancer)))
                    .build();
        }
    }

    /**
     * What ECS's blue/green deployment switches: target_group2 for the new tasks, a production rule on listener1 and a
     * test rule on listener3 (HTTPS {@value #TEST_PORT}), each forwarding to both groups by weight. ECS points the test
     * rule at the new tasks first, then moves the production rule over. listener3 is closed: public_web_access admits
     * only 80 and 443, so users never reach the new tasks before the switch; an operator looks at them by adding an
     * ingress rule for his own address (docs/deploy.md).
     */
    private void blueGreen(Network network, ApplicationListener listener1, IListenerCertificate certificate) {
        targetGroup2 = targetGroup("target_group2", network);
        productionRule = forwardRule("production_rule", listener1);
        var listener3 = loadBalancer.addListener(
                "listener3",
                BaseApplicationListenerProps.builder()
                        .protocol(ApplicationProtocol.HTTPS)
                        .port(TEST_PORT)
                        .certificates(List.of(certificate))
                        .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                        .defaultAction(ListenerAction.fixedResponse(404))
                        .open(false)
                        .build());
        testRule = forwardRule("test_rule", listener3);
    }

    private ApplicationListenerRule forwardRule(String id, ApplicationListener listener) {
        return ApplicationListenerRule.Builder.create(this, id)
                .listener(listener)
                .priority(1)
                .conditions(List.of(ListenerCondition.pathPatterns(List.of("/*"))))
                .action(ListenerAction.weightedForward(List.of(
                        WeightedTargetGroup.builder()
                                .targetGroup(targetGroup1)
                                .weight(100)
                                .build(),
                        WeightedTargetGroup.builder()
                                .targetGroup(targetGroup2)
                                .weight(0)
                                .build())))
                .build();
    }

    private ApplicationTargetGroup targetGroup(String id, Network network) {
        return ApplicationTargetGroup.Builder.create(this, id)
                .vpc(network.vpc())
                .targetType(TargetType.IP)
                .protocol(ApplicationProtocol.HTTP)
                .port(Network.APP_PORT)
                // In service after 2 x 10 s of liveness, out after 3 x 10 s of failures (docs/architecture.md).
                .healthCheck(HealthCheck.builder()
                        .path(HEALTH_CHECK_PATH)
                        .healthyHttpCodes("200")
                        .interval(Duration.seconds(10))
                        .timeout(Duration.seconds(5))
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(3)
                        .build())
                // Requests are short page views and uploads; 30 s drains them (the default 300 s slows deploys).
                .deregistrationDelay(Duration.seconds(30))
                .build();
    }

    private IHostedZone hostedZone(EnvironmentConfig config) {
        return config.domain().hostedZoneId() == null
                ? null
                : HostedZone.fromHostedZoneAttributes(
                        this,
                        "zone",
                        HostedZoneAttributes.builder()
                                .hostedZoneId(config.domain().hostedZoneId())
                                .zoneName(config.domain().hostedZoneName())
                                .build());
    }

    /**
     * An existing certificate when its ARN is configured; else a new DNS-validated one: automatic with a hosted zone,
     * otherwise the deploy waits at the certificate until its validation CNAME is added to the DNS by hand.
     */
    private ICertificate certificate(EnvironmentConfig config, IHostedZone zone) {
        if (config.domain().certificateArn() != null) {
            return Certificate.fromCertificateArn(
                    this, "certificate", config.domain().certificateArn());
        }
        return Certificate.Builder.create(this, "certificate")
                .domainName(config.domain().domainName())
                .validation(zone == null ? CertificateValidation.fromDns() : CertificateValidation.fromDns(zone))
                .build();
    }

    public ApplicationLoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public ApplicationTargetGroup targetGroup1() {
        return targetGroup1;
    }

    /** The service's target groups: target_group1, and target_group2 with blue/green. */
    public List<ApplicationTargetGroup> targetGroups() {
        return targetGroup2 == null ? List.of(targetGroup1) : List.of(targetGroup1, targetGroup2);
    }

    /** Blue/green only (else null): the new tasks' target group and the rules ECS switches. */
    public ApplicationTargetGroup targetGroup2() {
        return targetGroup2;
    }

    public ApplicationListenerRule productionRule() {
        return productionRule;
    }

    public ApplicationListenerRule testRule() {
        return testRule;
    }
}
