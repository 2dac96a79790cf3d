package com.example.myamazingapp.infra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

/**
 * Everything that differs between the environments, read from the cdk.json context {@code environments.<name>} (a JSON
 * object) and overridable key by key on the command line with {@code cdk synth -c environments.<name>.<key>=<value>}.
 * Keys that are not given take the defaults of {@link #defaults(String)}, so an empty context still synthesizes qa and
 * prod for myamazingapp.example.com.
 *
 * @param name "qa" or "prod": part of every stack, parameter and log group name
 * @param account AWS account to deploy to; null for an environment-agnostic synth
 * @param region AWS region to deploy to; null for an environment-agnostic synth
 * @param domainName the public host name of the application, e.g. qa.myamazingapp.example.com
 * @param certificateArn an existing ACM certificate for domainName (in the stack's region), or null
 * @param hostedZoneId a Route 53 public hosted zone that holds domainName (the certificate is then DNS-validated
 *     automatically and an alias record points at the load balancer), or null
 * @param hostedZoneName the zone's name, e.g. myamazingapp.example.com; given together with hostedZoneId
 * @param natGateways 1 (cost option, one AZ's egress depends on the other) or 2 (one per AZ, as the document)
 * @param cpu Fargate task CPU units
 * @param memoryMiB Fargate task memory
 * @param desiredCount tasks running normally; also the autoscaling minimum
 * @param maxCount autoscaling maximum
 * @param dbInstanceClass RDS instance class without the "db." prefix, e.g. t4g.micro
 * @param dbStorageGiB allocated gp3 storage
 * @param dbMaxStorageGiB storage autoscaling ceiling
 * @param multiAz RDS standby in the second AZ (the document's RDS_DB_standby_replica)
 * @param deletionProtection RDS and load balancer deletion protection; also keeps data resources on stack deletion
 * @param dbBackupDays automated backup retention, 7..35
 * @param dbPasswordParameter name of an existing SSM SecureString holding the master password (the document's
 *     qa_db_passwd), or null to generate one into Secrets Manager
 * @param logRetentionDays CloudWatch Logs retention of the application and database logs
 * @param logTransitionDays days after which the logging bucket moves objects to S3 Standard-IA (at least 30, S3's
 *     minimum for that class); after logRetentionDays, so logs still in CloudWatch stay in the archive's cheap-to-read
 *     class, and before logArchiveDays
 * @param logArchiveDays days the logging bucket keeps objects (all logs, app-logs/ included) before they expire; longer
 *     than logTransitionDays
 * @param ecrKeepImages images kept in the ECR repository (older ones expire)
 * @param maxUploadSize MAX_UPLOAD_SIZE of the application, e.g. 100MB
 * @param reportAdmins REPORT_ADMINS of the application (comma-separated e-mails), or null; in cdk.json a JSON array of
 *     e-mail addresses (empty: nobody), with -c a comma-separated string
 * @param reportSchedule REPORT_SCHEDULE of the application, or null for the application's default (daily)
 */
public record EnvironmentConfig(
        String name,
        String account,
        String region,
        String domainName,
        String certificateArn,
        String hostedZoneId,
        String hostedZoneName,
        int natGateways,
        int cpu,
        int memoryMiB,
        int desiredCount,
        int maxCount,
        String dbInstanceClass,
        int dbStorageGiB,
        int dbMaxStorageGiB,
        boolean multiAz,
        boolean deletionProtection,
        int dbBackupDays,
        String dbPasswordParameter,
        int logRetentionDays,
        int logTransitionDays,
        int logArchiveDays,
        int ecrKeepImages,
        String maxUploadSize,
        String reportAdmins,
        String reportSchedule) {

    public static final String BASE_DOMAIN = "myamazingapp.example.com";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{1,11}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern CERTIFICATE_ARN =
            Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+");
    private static final Pattern INSTANCE_CLASS = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern SSM_NAME = Pattern.compile("/?[a-zA-Z0-9_.\\-/]{1,1011}");
    /** Fargate's valid CPU (units) → memory (MiB) combinations, for the sizes a web application uses. */
    private static final Map<Integer, int[]> FARGATE_MEMORY = Map.of(
            256, new int[] {512, 1024, 2048},
            512, new int[] {1024, 2048, 3072, 4096},
            1024, new int[] {2048, 3072, 4096, 5120, 6144, 7168, 8192},
            2048, range(4096, 16384),
            4096, range(8192, 30720));

    /** The defaults: qa is the cost-conscious copy of prod. */
    public static EnvironmentConfig defaults(String name) {
        boolean prod = "prod".equals(name);
        return new EnvironmentConfig(
                name,
                null,
                null,
                prod ? BASE_DOMAIN : name + "." + BASE_DOMAIN,
                null,
                null,
                null,
                prod ? 2 : 1,
                prod ? 1024 : 512,
                prod ? 2048 : 1024,
                prod ? 2 : 1,
                prod ? 6 : 2,
                prod ? "t4g.medium" : "t4g.micro",
                20,
                prod ? 200 : 50,
                true,
                prod,
                prod ? 14 : 7,
                null,
                prod ? 90 : 30,
                prod ? 180 : 60,
                prod ? 365 : 90,
                20,
                "100MB",
                null,
                null);
    }

    /** Reads environment {@code name} from the context of {@code node}, over the defaults; validates it. */
    public static EnvironmentConfig fromContext(Node node, String name) {
        var values = new ContextValues(node, name);
        var d = defaults(name);
        return new EnvironmentConfig(
                        name,
                        values.string("account", d.account()),
                        values.string("region", d.region()),
                        values.string("domainName", d.domainName()),
                        values.string("certificateArn", d.certificateArn()),
                        values.string("hostedZoneId", d.hostedZoneId()),
                        values.string("hostedZoneName", d.hostedZoneName()),
                        values.integer("natGateways", d.natGateways()),
                        values.integer("cpu", d.cpu()),
                        values.integer("memoryMiB", d.memoryMiB()),
                        values.integer("desiredCount", d.desiredCount()),
                        values.integer("maxCount", d.maxCount()),
                        values.string("dbInstanceClass", d.dbInstanceClass()),
                        values.integer("dbStorageGiB", d.dbStorageGiB()),
                        values.integer("dbMaxStorageGiB", d.dbMaxStorageGiB()),
                        values.bool("multiAz", d.multiAz()),
                        values.bool("deletionProtection", d.deletionProtection()),
                        values.integer("dbBackupDays", d.dbBackupDays()),
                        values.string("dbPasswordParameter", d.dbPasswordParameter()),
                        values.integer("logRetentionDays", d.logRetentionDays()),
                        values.integer("logTransitionDays", d.logTransitionDays()),
                        values.integer("logArchiveDays", d.logArchiveDays()),
                        values.integer("ecrKeepImages", d.ecrKeepImages()),
                        values.string("maxUploadSize", d.maxUploadSize()),
                        values.list("reportAdmins", d.reportAdmins()),
                        values.string("reportSchedule", d.reportSchedule()))
                .validated();
    }

    /** Returns this configuration, or throws one error that lists every problem in it. */
    public EnvironmentConfig validated() {
        var problems = new ArrayList<String>();
        check(
                problems,
                name != null && NAME.matcher(name).matches(),
                "name must be 2-12 lower-case letters or digits, starting with a letter (was " + name + ")");
        check(
                problems,
                account == null || ACCOUNT.matcher(account).matches(),
                "account must be a 12-digit AWS account id (was " + account + ")");
        check(
                problems,
                region == null || REGION.matcher(region).matches(),
                "region must be an AWS region such as eu-west-1 (was " + region + ")");
        check(
                problems,
                domainName != null && DOMAIN.matcher(domainName).matches(),
                "domainName must be a lower-case DNS name such as qa.myamazingapp.example.com (was " + domainName
                        + ")");
        check(
                problems,
                certificateArn == null
                        || CERTIFICATE_ARN.matcher(certificateArn).matches(),
                "certificateArn must be an ACM certificate ARN (was " + certificateArn + ")");
        check(
                problems,
                (hostedZoneId == null) == (hostedZoneName == null),
                "hostedZoneId and hostedZoneName go together: give both or neither");
        check(
                problems,
                hostedZoneName == null
                        || domainName == null
                        || domainName.equals(hostedZoneName)
                        || domainName.endsWith("." + hostedZoneName),
                "domainName " + domainName + " is not inside hostedZoneName " + hostedZoneName);
        check(
                problems,
                natGateways == 1 || natGateways == 2,
                "natGateways must be 1 or 2 (the VPC has two availability zones; was " + natGateways + ")");
        var memories = FARGATE_MEMORY.get(cpu);
        check(
                problems,
                memories != null && Arrays.stream(memories).anyMatch(m -> m == memoryMiB),
                "cpu/memoryMiB " + cpu + "/" + memoryMiB + " is not a Fargate task size (e.g. 512/1024, 1024/2048)");
        check(problems, desiredCount >= 1, "desiredCount must be at least 1 (was " + desiredCount + ")");
        check(
                problems,
                maxCount >= desiredCount && maxCount <= 20,
                "maxCount must be between desiredCount and 20 (was " + maxCount + ")");
        check(
                problems,
                dbInstanceClass != null
                        && INSTANCE_CLASS.matcher(dbInstanceClass).matches()
                        && !dbInstanceClass.startsWith("db."),
                "dbInstanceClass must look like t4g.micro, without the db. prefix (was " + dbInstanceClass + ")");
        check(
                problems,
                dbStorageGiB >= 20 && dbMaxStorageGiB >= dbStorageGiB && dbMaxStorageGiB <= 65536,
                "dbStorageGiB must be at least 20 and dbMaxStorageGiB at least dbStorageGiB (were " + dbStorageGiB + "/"
                        + dbMaxStorageGiB + ")");
        check(
                problems,
                dbBackupDays >= 7 && dbBackupDays <= 35,
                "dbBackupDays must be between 7 and 35 (was " + dbBackupDays + ")");
        check(
                problems,
                dbPasswordParameter == null
                        || SSM_NAME.matcher(dbPasswordParameter).matches(),
                "dbPasswordParameter must be an SSM parameter name such as qa_db_passwd (was " + dbPasswordParameter
                        + ")");
        check(
                problems,
                logRetention() != null,
                "logRetentionDays must be one of 7, 14, 30, 60, 90, 180, 365, 731, 1827, 3653 (was " + logRetentionDays
                        + ")");
        check(
                problems,
                logTransitionDays >= 30,
                "logTransitionDays must be at least 30: S3 moves objects to Standard-IA no sooner (was "
                        + logTransitionDays + ")");
        check(
                problems,
                logRetentionDays < logTransitionDays && logTransitionDays < logArchiveDays,
                "log days must grow logRetentionDays (" + logRetentionDays + ") < logTransitionDays ("
                        + logTransitionDays + ") < logArchiveDays (" + logArchiveDays + "): CloudWatch keeps the lines "
                        + "first, the S3 archive then moves them to Standard-IA and finally expires them");
        check(
                problems,
                reportAdmins == null
                        || Arrays.stream(reportAdmins.split(","))
                                .allMatch(email ->
                                        ContextLists.EMAIL.matcher(email).matches()),
                "reportAdmins must be e-mail addresses (was " + reportAdmins + ")");
        check(
                problems,
                ecrKeepImages >= 2 && ecrKeepImages <= 1000,
                "ecrKeepImages must be between 2 and 1000 (was " + ecrKeepImages + ")");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid configuration of environment '" + name + "':\n - " + String.join("\n - ", problems));
        }
        return this;
    }

    /** logRetentionDays as CloudWatch Logs knows it, or null when it knows no such retention. */
    public RetentionDays logRetention() {
        return switch (logRetentionDays) {
            case 7 -> RetentionDays.ONE_WEEK;
            case 14 -> RetentionDays.TWO_WEEKS;
            case 30 -> RetentionDays.ONE_MONTH;
            case 60 -> RetentionDays.TWO_MONTHS;
            case 90 -> RetentionDays.THREE_MONTHS;
            case 180 -> RetentionDays.SIX_MONTHS;
            case 365 -> RetentionDays.ONE_YEAR;
            case 731 -> RetentionDays.TWO_YEARS;
            case 1827 -> RetentionDays.FIVE_YEARS;
            case 3653 -> RetentionDays.TEN_YEARS;
            default -> null;
        };
    }

    /** https://domainName, the public address of the environment. */
    public String url() {
        return "https://" + domainName;
    }

    /** The SSM parameter the pipeline writes the shipped image tag into (see the contract). */
    public String imageTagParameterName() {
        return "/myamazingapp/" + name + "/image-tag";
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.iterate(from, m -> m <= to, m -> m + 1024)
                .toArray();
    }

    /** The context keys of one environment: flat {@code environments.qa.key} first, then the JSON object. */
    private record ContextValues(Node node, String env) {

        Object raw(String key) {
            var flat = node.tryGetContext("environments." + env + "." + key);
            if (flat != null) {
                return flat;
            }
            if (node.tryGetContext("environments") instanceof Map<?, ?> all && all.get(env) instanceof Map<?, ?> one) {
                return one.get(key);
            }
            return null;
        }

        String string(String key, String fallback) {
            var value = raw(key);
            return value == null || value.toString().isBlank()
                    ? fallback
                    : value.toString().trim();
        }

        int integer(String key, int fallback) {
            var value = raw(key);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
                return number.intValue();
            }
            try {
                return Integer.parseInt(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid configuration of environment '" + env + "': " + key
                        + " must be a whole number (was " + value + ")");
            }
        }

        /** A JSON array (cdk.json) or a comma-separated string (-c), as REPORT_ADMINS wants it; empty is null. */
        String list(String key, String fallback) {
            var value = raw(key);
            if (value == null) {
                return fallback;
            }
            var items = ContextLists.items(value instanceof List<?> ? value : value.toString());
            var joined = String.join(
                    ",",
                    items.stream()
                            .map(String::valueOf)
                            .filter(s -> !s.isEmpty())
                            .toList());
            return joined.isEmpty() ? null : joined;
        }

        boolean bool(String key, boolean fallback) {
            var value = raw(key);
            if (value == null) {
                return fallback;
            }
            return switch (value.toString().trim().toLowerCase()) {
                case "true" -> true;
                case "false" -> false;
                default ->
                    throw new IllegalArgumentException("Invalid configuration of environment '" + env + "': " + key
                            + " must be true or false (was " + value + ")");
            };
        }
    }
}
