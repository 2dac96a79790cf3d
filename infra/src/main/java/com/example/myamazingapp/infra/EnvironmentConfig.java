package com.example.myamazingapp.infra;

import java.util.regex.Pattern;
import software.constructs.Node;

/**
 * Everything that differs between the environments, one record per concern. Every value comes from the cdk.json context
 * object {@code environments.<name>}, the one place where the settings of qa and prod are written, and each key can be
 * overridden on the command line with {@code cdk synth -c environments.<name>.<key>=<value>}. The keys stay flat in
 * cdk.json (the record a key belongs to says which keys it reads); a key missing from an environment is an error, and
 * so is an invalid value: one error names them all.
 *
 * <p>To add a setting: add a component (with its {@code @param}) to the record of its concern, read it in that record's
 * {@code read} ({@code requiredWhole/requiredText/requiredBool} for a value every environment sets, {@code text/list}
 * for an optional one), check it in its {@code validate} if some values are wrong, and write the key with its value for
 * qa and for prod in infra/cdk.json. A new concern is a new record with the same two methods, a component here and one
 * line in {@link #fromContext} and in {@link #validated}.
 *
 * @param name "qa" or "prod": part of every stack, parameter and log group name
 * @param account AWS account to deploy to; null (an empty string in cdk.json) for an environment-agnostic synth
 * @param region AWS region to deploy to; null (an empty string in cdk.json) for an environment-agnostic synth
 * @param deletionProtection RDS, load balancer and stack deletion protection; also keeps data resources on stack
 *     deletion
 * @param domain the public name and its certificate
 * @param network the VPC
 * @param service the ECS service, its tasks and the application settings they get
 * @param database the RDS instance
 * @param logs how long logs are kept, in CloudWatch and in the logging bucket
 * @param reports the statistics reports' settings of the application
 * @param registry the ECR repository
 * @param operations who is told when it breaks, and the alarms' thresholds
 * @param firewall AWS WAF in front of the load balancer
 * @param backup AWS Backup of the database and the data bucket
 * @param release rolling or blue/green releases
 * @param budget the monthly AWS Budgets budget and who its alerts reach
 */
public record EnvironmentConfig(
        String name,
        String account,
        String region,
        boolean deletionProtection,
        DomainConfig domain,
        NetworkConfig network,
        ServiceConfig service,
        DatabaseConfig database,
        LogsConfig logs,
        ReportsConfig reports,
        RegistryConfig registry,
        OperationsConfig operations,
        FirewallConfig firewall,
        BackupConfig backup,
        ReleaseConfig release,
        BudgetConfig budget) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{1,11}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");

    /** Reads environment {@code name} from the context of {@code node}; validates it. */
    public static EnvironmentConfig fromContext(Node node, String name) {
        var context = new ContextReader(
                node,
                "environments." + name,
                (key, value, problem) -> new IllegalArgumentException("Invalid configuration of environment '" + name
                        + "': " + key + " " + problem + (value == null ? "" : " (was " + value + ")")));
        var config = new EnvironmentConfig(
                name,
                context.text("account"),
                context.text("region"),
                context.requiredBool("deletionProtection"),
                DomainConfig.read(context),
                NetworkConfig.read(context),
                ServiceConfig.read(context),
                DatabaseConfig.read(context),
                LogsConfig.read(context),
                ReportsConfig.read(context),
                RegistryConfig.read(context),
                OperationsConfig.read(context),
                FirewallConfig.read(context),
                BackupConfig.read(context),
                ReleaseConfig.read(context),
                BudgetConfig.read(context));
        context.requireNoneMissing();
        return config.validated();
    }

    /** Returns this configuration, or throws one error that lists every problem in it. */
    public EnvironmentConfig validated() {
        var problems = new Problems();
        problems.check(
                name != null && NAME.matcher(name).matches(),
                "name must be 2-12 lower-case letters or digits, starting with a letter (was " + name + ")");
        problems.check(
                account == null || ACCOUNT.matcher(account).matches(),
                "account must be a 12-digit AWS account id (was " + account + ")");
        problems.check(
                region == null || REGION.matcher(region).matches(),
                "region must be an AWS region such as eu-west-1 (was " + region + ")");
        domain.validate(problems);
        network.validate(problems);
        service.validate(problems);
        database.validate(problems);
        logs.validate(problems);
        reports.validate(problems);
        registry.validate(problems);
        operations.validate(problems);
        firewall.validate(problems);
        backup.validate(problems);
        release.validate(problems);
        problems.check(
                backup.copyRegion() == null || !backup.copyRegion().equals(region),
                "backupCopyRegion must be another region than the environment's (was " + backup.copyRegion() + ")");
        budget.validate(problems);
        problems.throwIfAny("Invalid configuration of environment '" + name + "':");
        return this;
    }

    /** https://domainName, the public address of the environment. */
    public String url() {
        return "https://" + domain.domainName();
    }

    /** The SSM parameter the pipeline writes the shipped image tag into, and the task definition reads it from. */
    public String imageTagParameterName() {
        return "/myamazingapp/" + name + "/image-tag";
    }
}
