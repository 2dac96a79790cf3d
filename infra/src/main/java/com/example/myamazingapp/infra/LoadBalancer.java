package com.example.myamazingapp.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.certificatemanager.ICertificate;
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
 * target_group1) and listener2 (HTTP 80, redirect to HTTPS 443).
 */
public class LoadBalancer extends Construct {

    /**
     * The target group's health check: can the process serve (liveness), not whether PostgreSQL and the bucket answer.
     * A database failover would otherwise take every target out and have ECS replace every task; the requests that need
     * the database answer 503 meanwhile. Readiness ({@code /actuator/health/readiness}) is for people and the smoke
     * test.
     */
    public static final String HEALTH_CHECK_PATH = "/actuator/health/liveness";

    private final ApplicationLoadBalancer loadBalancer;
    private final ApplicationTargetGroup targetGroup1;

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

        targetGroup1 = ApplicationTargetGroup.Builder.create(this, "target_group1")
                .vpc(vpc)
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

        loadBalancer.addListener(
                "listener1",
                BaseApplicationListenerProps.builder()
                        .protocol(ApplicationProtocol.HTTPS)
                        .port(443)
                        .certificates(List.of(ListenerCertificate.fromCertificateManager(certificate(config, zone))))
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
        if (zone != null) {
            ARecord.Builder.create(this, "alias")
                    .zone(zone)
                    .recordName(config.domain().domainName() + ".")
                    .target(RecordTarget.fromAlias(new LoadBalancerTarget(loadBalancer)))
                    .build();
        }
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
}
