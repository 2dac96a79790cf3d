package com.example.myamazingapp.infra;

import static com.example.myamazingapp.infra.Synthesized.application;
import static com.example.myamazingapp.infra.Synthesized.resolve;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ec2.ISecurityGroup;

/** The document's "VPC Details": VPC1, its subnets, gateways, route tables, endpoint and security groups. */
class NetworkTest {

    static Network network(String env) {
        return Synthesized.environment(env).application().network();
    }

    @ParameterizedTest(name = "{0}: VPC1 spans two AZs, each with a public and a private subnet")
    @ValueSource(strings = {"qa", "prod"})
    void twoAzsWithPublicAndPrivateSubnets(String env) {
        var t = application(env);
        t.resourceCountIs("AWS::EC2::VPC", 1);
        t.resourceCountIs("AWS::EC2::Subnet", 4);
        for (var az = 0; az < 2; az++) {
            var inAz = Map.of("Fn::Select", List.of(az, Map.of("Fn::GetAZs", "")));
            assertThat(t.findResources(
                            "AWS::EC2::Subnet",
                            Match.objectLike(Map.of(
                                    "Properties", Map.of("AvailabilityZone", inAz, "MapPublicIpOnLaunch", true)))))
                    .hasSize(1);
            assertThat(t.findResources(
                            "AWS::EC2::Subnet",
                            Match.objectLike(Map.of(
                                    "Properties", Map.of("AvailabilityZone", inAz, "MapPublicIpOnLaunch", false)))))
                    .hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}: VPC1 has an internet gateway and a route table per subnet")
    @ValueSource(strings = {"qa", "prod"})
    void internetGatewayAndRouteTables(String env) {
        var t = application(env);
        t.resourceCountIs("AWS::EC2::InternetGateway", 1);
        t.resourceCountIs("AWS::EC2::VPCGatewayAttachment", 1);
        t.resourceCountIs("AWS::EC2::RouteTable", 4);
        t.resourceCountIs("AWS::EC2::SubnetRouteTableAssociation", 4);
        assertThat(t.findResources(
                        "AWS::EC2::Route",
                        Match.objectLike(Map.of(
                                "Properties",
                                Map.of("DestinationCidrBlock", "0.0.0.0/0", "GatewayId", Match.anyValue())))))
                .hasSize(2);
    }

    @Test
    void prodHasOneNatGatewayPerAzAndThePrivateSubnetsRouteThroughThem() {
        var t = application("prod");
        t.resourceCountIs("AWS::EC2::NatGateway", 2);
        t.resourceCountIs("AWS::EC2::Instance", 0);
        var natRoutes = t.findResources(
                "AWS::EC2::Route",
                Match.objectLike(Map.of(
                        "Properties", Map.of("DestinationCidrBlock", "0.0.0.0/0", "NatGatewayId", Match.anyValue()))));
        assertThat(natRoutes).hasSize(2);
    }

    @Test
    void qaUsesOneGravitonNatInstanceThatAcceptsTrafficFromTheVpcOnly() {
        var t = application("qa");
        t.resourceCountIs("AWS::EC2::NatGateway", 0);
        t.resourceCountIs("AWS::EC2::Instance", 1);
        t.hasResourceProperties("AWS::EC2::Instance", Map.of("InstanceType", "t4g.nano", "SourceDestCheck", false));
        var natRoutes = t.findResources(
                "AWS::EC2::Route",
                Match.objectLike(Map.of(
                        "Properties", Map.of("DestinationCidrBlock", "0.0.0.0/0", "InstanceId", Match.anyValue()))));
        assertThat(natRoutes)
                .as("both private subnets go out through the instance")
                .hasSize(2);
        // Its group's only ingress is the VPC's range; nothing from the internet reaches it.
        t.hasResourceProperties(
                "AWS::EC2::SecurityGroup",
                Map.of(
                        "SecurityGroupIngress",
                        List.of(Match.objectLike(Map.of("CidrIp", "10.0.0.0/16", "IpProtocol", "-1")))));
    }

    @ParameterizedTest(name = "{0}: vpc_endpoint_for_s3 is a gateway endpoint on both private route tables")
    @ValueSource(strings = {"qa", "prod"})
    void s3GatewayEndpoint(String env) {
        var privateRouteTables = network(env).vpc().getPrivateSubnets().stream()
                .map(subnet -> resolve(env, subnet.getRouteTable().getRouteTableId()))
                .toList();
        application(env)
                .hasResourceProperties(
                        "AWS::EC2::VPCEndpoint",
                        Map.of(
                                "VpcEndpointType", "Gateway",
                                "ServiceName",
                                        Map.of(
                                                "Fn::Join",
                                                List.of(
                                                        "",
                                                        List.of(
                                                                "com.amazonaws.",
                                                                Map.of("Ref", "AWS::Region"),
                                                                ".s3"))),
                                "RouteTableIds", Match.arrayEquals(privateRouteTables)));
    }

    @ParameterizedTest(name = "{0}: VPC flow logs go to the logging bucket under vpc-flow-logs/")
    @ValueSource(strings = {"qa", "prod"})
    void flowLogs(String env) {
        var loggingBucketArn = resolve(
                env,
                Synthesized.environment(env)
                        .application()
                        .storage()
                        .loggingBucket()
                        .getBucketArn());
        application(env)
                .hasResourceProperties(
                        "AWS::EC2::FlowLog",
                        Map.of(
                                "ResourceType", "VPC",
                                "TrafficType", "ALL",
                                "LogDestinationType", "s3",
                                "LogDestination",
                                        Map.of("Fn::Join", List.of("", List.of(loggingBucketArn, "/vpc-flow-logs/")))));
    }

    @ParameterizedTest(name = "{0}: public_web_access lets the world reach ALB1 on 80 and 443 only")
    @ValueSource(strings = {"qa", "prod"})
    void publicWebAccess(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::EC2::SecurityGroup",
                        Map.of(
                                "GroupDescription", Match.stringLikeRegexp("^public_web_access.*"),
                                "SecurityGroupIngress",
                                        Match.arrayEquals(List.of(
                                                Match.objectLike(Map.of(
                                                        "CidrIp",
                                                        "0.0.0.0/0",
                                                        "IpProtocol",
                                                        "tcp",
                                                        "FromPort",
                                                        80,
                                                        "ToPort",
                                                        80)),
                                                Match.objectLike(Map.of(
                                                        "CidrIp",
                                                        "0.0.0.0/0",
                                                        "IpProtocol",
                                                        "tcp",
                                                        "FromPort",
                                                        443,
                                                        "ToPort",
                                                        443))))));
        // ALB1 may only talk to the tasks, on their port.
        application(env)
                .hasResourceProperties(
                        "AWS::EC2::SecurityGroupEgress",
                        Map.of(
                                "GroupId",
                                resolve(env, network(env).publicWebAccess().getSecurityGroupId()),
                                "DestinationSecurityGroupId",
                                resolve(env, network(env).albTargetGroupAccess().getSecurityGroupId()),
                                "FromPort",
                                3000,
                                "ToPort",
                                3000));
    }

    @ParameterizedTest(name = "{0}: alb_target_group_access admits port 3000 from public_web_access only")
    @ValueSource(strings = {"qa", "prod"})
    void albTargetGroupAccess(String env) {
        assertOnlyIngress(env, network(env).albTargetGroupAccess(), network(env).publicWebAccess(), 3000);
    }

    @ParameterizedTest(
            name =
                    "{0}: the tasks may send only HTTPS (AWS APIs) anywhere and the database port to the database's group")
    @ValueSource(strings = {"qa", "prod"})
    void tasksEgressIsHttpsAndTheDatabaseOnly(String env) {
        var tasks = resolve(env, network(env).albTargetGroupAccess().getSecurityGroupId());
        // No default "all traffic to 0.0.0.0/0": the group lists its one inline rule, HTTPS.
        application(env)
                .hasResourceProperties(
                        "AWS::EC2::SecurityGroup",
                        Map.of(
                                "GroupDescription", Match.stringLikeRegexp("^alb_target_group_access.*"),
                                "SecurityGroupEgress",
                                        Match.arrayEquals(List.of(Match.objectLike(Map.of(
                                                "CidrIp",
                                                "0.0.0.0/0",
                                                "IpProtocol",
                                                "tcp",
                                                "FromPort",
                                                443,
                                                "ToPort",
                                                443))))));
        var egress = application(env)
                .findResources(
                        "AWS::EC2::SecurityGroupEgress",
                        Match.objectLike(Map.of("Properties", Map.of("GroupId", tasks))));
        assertThat(egress).hasSize(1);
        application(env)
                .hasResourceProperties(
                        "AWS::EC2::SecurityGroupEgress",
                        Map.of(
                                "GroupId",
                                tasks,
                                "DestinationSecurityGroupId",
                                resolve(env, network(env).privateSubnetsAccess().getSecurityGroupId()),
                                "IpProtocol",
                                "tcp",
                                "FromPort",
                                5432,
                                "ToPort",
                                5432));
    }

    @ParameterizedTest(
            name =
                    "{0}: private_subnets_access admits the database port from the tasks only (narrower than the document's all ports)")
    @ValueSource(strings = {"qa", "prod"})
    void privateSubnetsAccess(String env) {
        assertOnlyIngress(env, network(env).privateSubnetsAccess(), network(env).albTargetGroupAccess(), 5432);
        application(env)
                .hasResourceProperties(
                        "AWS::EC2::SecurityGroup",
                        Map.of(
                                "GroupDescription", Match.stringLikeRegexp("^private_subnets_access.*"),
                                "SecurityGroupIngress", Match.absent()));
    }

    /** {@code group} is reached by exactly one rule: TCP {@code port} from the group {@code source}. */
    static void assertOnlyIngress(String env, ISecurityGroup group, ISecurityGroup source, int port) {
        var groupId = resolve(env, group.getSecurityGroupId());
        var ingress = application(env)
                .findResources(
                        "AWS::EC2::SecurityGroupIngress",
                        Match.objectLike(Map.of("Properties", Map.of("GroupId", groupId))));
        assertThat(ingress).hasSize(1);
        application(env)
                .hasResourceProperties(
                        "AWS::EC2::SecurityGroupIngress",
                        Map.of(
                                "GroupId",
                                groupId,
                                "SourceSecurityGroupId",
                                resolve(env, source.getSecurityGroupId()),
                                "IpProtocol",
                                "tcp",
                                "FromPort",
                                port,
                                "ToPort",
                                port));
    }
}
