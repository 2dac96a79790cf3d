package com.example.myamazingapp.infra;

import java.util.regex.Pattern;

/**
 * The public name of an environment and its certificate. Keys in infra/cdk.json: domainName, certificateArn,
 * hostedZoneId, hostedZoneName (an empty string means none).
 *
 * @param domainName the public host name of the application, e.g. qa.myamazingapp.example.com
 * @param certificateArn an existing ACM certificate for domainName (in the stack's region), or null to have one created
 * @param hostedZoneId a Route 53 public hosted zone that holds domainName (the certificate is then DNS-validated
 *     automatically and an alias record points at the load balancer), or null
 * @param hostedZoneName the zone's name, e.g. myamazingapp.example.com; given together with hostedZoneId
 */
public record DomainConfig(String domainName, String certificateArn, String hostedZoneId, String hostedZoneName) {

    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern CERTIFICATE_ARN =
            Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+");

    static DomainConfig read(ContextReader context) {
        return new DomainConfig(
                context.requiredText("domainName"),
                context.text("certificateArn"),
                context.text("hostedZoneId"),
                context.text("hostedZoneName"));
    }

    void validate(Problems problems) {
        problems.check(
                domainName != null && DOMAIN.matcher(domainName).matches(),
                "domainName must be a lower-case DNS name such as qa.myamazingapp.example.com (was " + domainName
                        + ")");
        problems.check(
                certificateArn == null
                        || CERTIFICATE_ARN.matcher(certificateArn).matches(),
                "certificateArn must be an ACM certificate ARN (was " + certificateArn + ")");
        problems.check(
                (hostedZoneId == null) == (hostedZoneName == null),
                "hostedZoneId and hostedZoneName go together: give both or neither");
        problems.check(
                hostedZoneName == null
                        || domainName == null
                        || domainName.equals(hostedZoneName)
                        || domainName.endsWith("." + hostedZoneName),
                "domainName " + domainName + " is not inside hostedZoneName " + hostedZoneName);
    }
}
