package com.example.myamazingapp.infra;

import java.util.regex.Pattern;

/**
 * The VPC of an environment. Keys in infra/cdk.json: natGateways, natProvider, natInstanceType.
 *
 * @param natGateways 1 (cost option, one AZ's egress depends on the other) or 2 (one per AZ, as the document)
 * @param natProvider "gateway" (managed NAT gateways, as the document) or "instance" (CDK's NAT instance, Amazon Linux
 *     2023 on Graviton: a few dollars instead of about 33 a month each, but a single instance that AWS does not patch,
 *     scale or replace when it fails; a cost option for qa)
 * @param natInstanceType the NAT instances' EC2 type (Graviton, e.g. t4g.nano), read when natProvider is "instance"
 */
public record NetworkConfig(int natGateways, String natProvider, String natInstanceType) {

    private static final Pattern GRAVITON_TYPE = Pattern.compile("[a-z][a-z0-9]*g[a-z0-9]*\\.[a-z0-9]+");

    static NetworkConfig read(ContextReader context) {
        return new NetworkConfig(
                context.requiredWhole("natGateways"),
                context.requiredText("natProvider"),
                context.requiredText("natInstanceType"));
    }

    /** NAT instances instead of NAT gateways. */
    public boolean natInstances() {
        return "instance".equals(natProvider);
    }

    void validate(Problems problems) {
        problems.check(
                natGateways == 1 || natGateways == 2,
                "natGateways must be 1 or 2 (the VPC has two availability zones; was " + natGateways + ")");
        problems.check(
                "gateway".equals(natProvider) || "instance".equals(natProvider),
                "natProvider must be gateway or instance (was " + natProvider + ")");
        problems.check(
                natInstanceType != null
                        && GRAVITON_TYPE.matcher(natInstanceType).matches(),
                "natInstanceType must be a Graviton EC2 type such as t4g.nano (was " + natInstanceType + ")");
    }
}
