package com.example.myamazingapp.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.ec2.AmazonLinux2023ImageSsmParameterProps;
import software.amazon.awscdk.services.ec2.AmazonLinuxCpuType;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.ec2.NatInstanceProps;
import software.amazon.awscdk.services.ec2.NatInstanceProviderV2;
import software.amazon.awscdk.services.ec2.NatProvider;
import software.amazon.awscdk.services.ec2.NatTrafficDirection;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The document's VPC1: two availability zones with a public and a private subnet each, internet gateway, NAT
 * gateway(s), the S3 gateway endpoint on the private route tables, flow logs, and the three security groups.
 */
public class Network extends Construct {

    public static final int APP_PORT = 3000;
    public static final int DATABASE_PORT = 5432;
    static final String VPC_CIDR = "10.0.0.0/16";

    private final Vpc vpc;
    private final SecurityGroup publicWebAccess;
    private final SecurityGroup albTargetGroupAccess;
    private final SecurityGroup privateSubnetsAccess;

    public Network(Construct scope, String id, EnvironmentConfig config, IBucket loggingBucket) {
        super(scope, id);
        var natInstances = config.network().natInstances() ? natInstanceProvider(config.network()) : null;
        vpc = Vpc.Builder.create(this, "VPC1")
                .ipAddresses(IpAddresses.cidr(VPC_CIDR))
                .maxAzs(2)
                .natGateways(config.network().natGateways())
                .natGatewayProvider(natInstances)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder()
                                .name("public")
                                .subnetType(SubnetType.PUBLIC)
                                .cidrMask(24)
                                .build(),
                        SubnetConfiguration.builder()
                                .name("private")
                                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .cidrMask(24)
                                .build()))
                .gatewayEndpoints(Map.of(
                        "vpc_endpoint_for_s3",
                        GatewayVpcEndpointOptions.builder()
                                .service(GatewayVpcEndpointAwsService.S3)
                                .subnets(List.of(privateSubnets()))
                                .build()))
                .flowLogs(Map.of(
                        "flow_logs",
                        FlowLogOptions.builder()
                                .destination(FlowLogDestination.toS3(loggingBucket, Storage.FLOW_LOGS))
                                .trafficType(FlowLogTrafficType.ALL)
                                .build()))
                .build();

        if (natInstances != null) {
            allowFromVpcOnly(natInstances);
        }

        publicWebAccess = SecurityGroup.Builder.create(this, "public_web_access")
                .vpc(vpc)
                .description("public_web_access: web access to ALB1 from the world on 80 and 443")
                .allowAllOutbound(false)
                .build();
        publicWebAccess.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP from the world (redirected to HTTPS)");
        publicWebAccess.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS from the world");

        NagSuppressions.addResourceSuppressions(
                publicWebAccess,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-EC23")
                        .reason("public_web_access is the public entrance of the document: ALB1 takes 80 (redirected) "
                                + "and 443 from anywhere, and nothing else.")
                        .build()),
                true);

        albTargetGroupAccess = SecurityGroup.Builder.create(this, "alb_target_group_access")
                .vpc(vpc)
                .description("alb_target_group_access: the application tasks, reached on 3000 from ALB1 only")
                .allowAllOutbound(false)
                .build();
        albTargetGroupAccess.addIngressRule(publicWebAccess, Port.tcp(APP_PORT), "application port from ALB1");
        // AWS APIs are all HTTPS: ECR (image pull), CloudWatch Logs, Secrets Manager, S3 through the gateway
        // endpoint (S3's addresses vary, hence anywhere). DNS goes to the VPC resolver, which groups do not filter.
        albTargetGroupAccess.addEgressRule(
                Peer.anyIpv4(), Port.tcp(443), "HTTPS to AWS APIs (ECR, Logs, Secrets Manager, S3)");
        publicWebAccess.addEgressRule(albTargetGroupAccess, Port.tcp(APP_PORT), "ALB1 to the application tasks");

        privateSubnetsAccess = SecurityGroup.Builder.create(this, "private_subnets_access")
                .vpc(vpc)
                .description(
                        "private_subnets_access: the database, reached on its port from the application tasks only")
                .allowAllOutbound(false)
                .build();
        privateSubnetsAccess.addIngressRule(albTargetGroupAccess, Port.tcp(DATABASE_PORT), "PostgreSQL from the tasks");
        albTargetGroupAccess.addEgressRule(
                privateSubnetsAccess, Port.tcp(DATABASE_PORT), "PostgreSQL to the database only");
    }

    /**
     * CDK's NAT instance (Amazon Linux 2023 on Graviton, iptables masquerading) in place of NAT gateways: the cost
     * option of qa. It accepts nothing from outside; the private subnets reach it through the VPC.
     */
    private static NatInstanceProviderV2 natInstanceProvider(NetworkConfig network) {
        return NatProvider.instanceV2(NatInstanceProps.builder()
                .instanceType(new InstanceType(network.natInstanceType()))
                .machineImage(MachineImage.latestAmazonLinux2023(AmazonLinux2023ImageSsmParameterProps.builder()
                        .cpuType(AmazonLinuxCpuType.ARM_64)
                        .build()))
                .defaultAllowedTraffic(NatTrafficDirection.OUTBOUND_ONLY)
                .build());
    }

    private void allowFromVpcOnly(NatInstanceProviderV2 natInstances) {
        natInstances
                .getSecurityGroup()
                .addIngressRule(Peer.ipv4(VPC_CIDR), Port.allTraffic(), "traffic to NAT from the VPC's subnets");
        var reason = "CDK's NAT instance, the cost option of qa (natProvider=instance, docs/cost.md): ";
        var instances = vpc.getPublicSubnets().stream()
                .map(subnet -> subnet.getNode().tryFindChild("NatInstance"))
                .filter(Objects::nonNull)
                .toList();
        NagSuppressions.addResourceSuppressions(
                instances,
                List.of(
                        NagPackSuppression.builder()
                                .id("AwsSolutions-EC26")
                                .reason(reason + "its root volume holds no data, only the AMI")
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-EC28")
                                .reason(reason + "detailed monitoring would cost more than the instance")
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-EC29")
                                .reason(reason + "it keeps no state: a replacement is the same instance")
                                .build()),
                true);
    }

    public static SubnetSelection privateSubnets() {
        return SubnetSelection.builder()
                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                .build();
    }

    public static SubnetSelection publicSubnets() {
        return SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build();
    }

    public Vpc vpc() {
        return vpc;
    }

    /** ALB1's group. */
    public SecurityGroup publicWebAccess() {
        return publicWebAccess;
    }

    /** The application tasks' group. */
    public SecurityGroup albTargetGroupAccess() {
        return albTargetGroupAccess;
    }

    /** The database's group. */
    public SecurityGroup privateSubnetsAccess() {
        return privateSubnetsAccess;
    }
}
