package com.example.myamazingapp.infra;

/**
 * How a new version replaces the running one (docs/deploy.md, "Release timings"). Keys in infra/cdk.json: blueGreen,
 * bakeMinutes.
 *
 * @param blueGreen ECS's native blue/green deployment: the new tasks start in a second target group, reachable first
 *     only on the test listener, then take all traffic at once; the old ones stay for bakeMinutes and get it back if a
 *     deployment alarm fires. Otherwise rolling (new tasks beside the old, circuit breaker)
 * @param bakeMinutes how long the old tasks stay after the switch, ready to take the traffic back (blue/green only);
 *     longer than the deployment alarms' 10-minute window, so that a bad version is caught before they go
 */
public record ReleaseConfig(boolean blueGreen, int bakeMinutes) {

    static ReleaseConfig read(ContextReader context) {
        return new ReleaseConfig(context.requiredBool("blueGreen"), context.requiredWhole("bakeMinutes"));
    }

    void validate(Problems problems) {
        problems.check(
                bakeMinutes >= 0 && bakeMinutes <= 1440,
                "bakeMinutes must be between 0 and 1440, ECS's limit (was " + bakeMinutes + ")");
    }
}
