package com.example.myamazingapp.infra;

/**
 * How a new version replaces the running one (docs/deploy.md, "Release timings"). Keys in infra/cdk.json: blueGreen,
 * bakeMinutes, scanBlockSeverity.
 *
 * @param blueGreen ECS's native blue/green deployment: the new tasks start in a second target group, reachable first
 *     only on the test listener, then take all traffic at once; the old ones stay for bakeMinutes and get it back if a
 *     deployment alarm fires. Otherwise rolling (new tasks beside the old, circuit breaker)
 * @param bakeMinutes how long the old tasks stay after the switch, ready to take the traffic back (blue/green only);
 *     longer than the deployment alarms' 10-minute window, so that a bad version is caught before they go
 * @param scanBlockSeverity an image whose ECR scan found anything of this severity or above is not promoted into the
 *     environment (the pipeline's PromoteImageProd): CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL
 */
public record ReleaseConfig(boolean blueGreen, int bakeMinutes, String scanBlockSeverity) {

    private static final java.util.List<String> SEVERITIES =
            java.util.List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL");

    static ReleaseConfig read(ContextReader context) {
        return new ReleaseConfig(
                context.requiredBool("blueGreen"),
                context.requiredWhole("bakeMinutes"),
                context.requiredText("scanBlockSeverity"));
    }

    void validate(Problems problems) {
        problems.check(
                bakeMinutes >= 0 && bakeMinutes <= 1440,
                "bakeMinutes must be between 0 and 1440, ECS's limit (was " + bakeMinutes + ")");
        problems.check(
                SEVERITIES.contains(scanBlockSeverity),
                "scanBlockSeverity must be one of " + SEVERITIES + " (was " + scanBlockSeverity + ")");
    }
}
