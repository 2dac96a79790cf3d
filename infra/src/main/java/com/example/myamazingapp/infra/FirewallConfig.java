package com.example.myamazingapp.infra;

/**
 * AWS WAF in front of the environment's load balancer (docs/operations.md, "Protecting the front door"). Keys in
 * infra/cdk.json: wafEnabled, wafCountOnly, wafSignInLimit.
 *
 * @param enabled a web ACL is associated with ALB1
 * @param countOnly every rule counts instead of blocking (a first rollout)
 * @param signInLimit POSTs to sign-in and sign-up per client address and 5 minutes before they are blocked (WAF's
 *     minimum is 10)
 */
public record FirewallConfig(boolean enabled, boolean countOnly, int signInLimit) {

    static FirewallConfig read(ContextReader context) {
        return new FirewallConfig(
                context.requiredBool("wafEnabled"),
                context.requiredBool("wafCountOnly"),
                context.requiredWhole("wafSignInLimit"));
    }

    void validate(Problems problems) {
        problems.check(
                signInLimit >= 10 && signInLimit <= 2_000_000_000,
                "wafSignInLimit must be at least 10, AWS WAF's smallest rate limit (was " + signInLimit + ")");
    }
}
