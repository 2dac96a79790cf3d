package com.example.myamazingapp.infra;

/**
 * The VPC of an environment. Key in infra/cdk.json: natGateways.
 *
 * @param natGateways 1 (cost option, one AZ's egress depends on the other) or 2 (one per AZ, as the document)
 */
public record NetworkConfig(int natGateways) {

    static NetworkConfig read(ContextReader context) {
        return new NetworkConfig(context.requiredWhole("natGateways"));
    }

    void validate(Problems problems) {
        problems.check(
                natGateways == 1 || natGateways == 2,
                "natGateways must be 1 or 2 (the VPC has two availability zones; was " + natGateways + ")");
    }
}
