package com.example.myamazingapp.infra.cost;

import com.example.myamazingapp.infra.cost.Resources.Resource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prices what the templates of one environment (or of the pipeline) really declare: it reads instance classes,
 * Multi-AZ, task sizes, counts, architectures and capacity providers, NAT gateways and instances, public addresses, log
 * retention, alarms, dashboards, WAF rules and backup plans from the CloudFormation, and takes only the usage a
 * template cannot know (traffic, stored GB, log volume, build minutes) from the assumptions.
 */
public final class CostEstimator {

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);
    private static final BigDecimal DAYS_PER_MONTH = BigDecimal.valueOf(30);

    private final String report;
    private final Resources resources;
    private final Prices prices;
    private final Assumptions assumptions;
    private final BigDecimal hours;
    private final List<CostLine> lines = new ArrayList<>();

    private CostEstimator(String report, Resources resources, Prices prices, Assumptions assumptions) {
        this.report = report;
        this.resources = resources;
        this.prices = prices;
        this.assumptions = assumptions;
        this.hours = prices.hoursPerMonth();
    }

    /** The report named {@code report} (qa, prod, pipeline: the assumptions' key) of these templates. */
    public static CostReport estimate(String report, List<JsonNode> templates, Prices prices, Assumptions assumptions) {
        var estimator = new CostEstimator(report, Resources.of(templates), prices, assumptions);
        estimator.network();
        estimator.loadBalancers();
        estimator.tasks();
        estimator.databases();
        estimator.storage();
        estimator.logs();
        estimator.monitoring();
        estimator.security();
        estimator.registries();
        estimator.delivery();
        estimator.functions();
        estimator.budgetsAndBackups();
        return new CostReport(report, prices.region(), prices.read(), List.copyOf(estimator.lines));
    }

    private void network() {
        var natGateways = resources.count("AWS::EC2::NatGateway");
        if (natGateways > 0) {
            fixed(
                    "NAT gateway hours (" + natGateways + ")",
                    hours.multiply(n(natGateways)),
                    "hour",
                    "vpc.natGateway.hour");
            usage("NAT gateway data processed", a("natDataGB"), "GB", "vpc.natGateway.gb");
        }
        var natInstances = resources.ofType("AWS::EC2::Instance").stream()
                .filter(i -> "false".equalsIgnoreCase(i.get("SourceDestCheck").asText()))
                .toList();
        var byType = new LinkedHashMap<String, Integer>();
        natInstances.forEach(i -> byType.merge(i.get("InstanceType").asText(), 1, Integer::sum));
        byType.forEach((type, count) -> fixed(
                "NAT instance hours (" + count + " " + type + ")",
                hours.multiply(n(count)),
                "instance-hour",
                "ec2." + type + ".hour"));
        if (!natInstances.isEmpty()) {
            var volumes = natInstances.stream().map(this::volumeGiB).reduce(BigDecimal.ZERO, BigDecimal::add);
            fixed("NAT instance EBS gp3 volumes", volumes, "GB-month", "ebs.gp3.gbMonth");
        }
        publicAddresses();
        var egressPoints = natGateways + natInstances.size();
        if (availabilityZones() >= 2 && egressPoints == 1) {
            usage(
                    "cross-AZ traffic to the one NAT (half of it from the other AZ)",
                    a("natDataGB"),
                    "GB billed (half the GB, out and in)",
                    "dataTransfer.crossAz.gb");
        }
        if (availabilityZones() >= 2
                && !resources.ofType("AWS::RDS::DBInstance").isEmpty()) {
            usage(
                    "cross-AZ traffic tasks <-> database (half the tasks in the other AZ)",
                    a("databaseTrafficGB"),
                    "GB billed (half the GB, out and in)",
                    "dataTransfer.crossAz.gb");
        }
        if (resources.ofType("AWS::ElasticLoadBalancingV2::LoadBalancer").stream()
                .anyMatch(this::internetFacing)) {
            usage("data transfer out to the internet", a("internetOutGB"), "GB", "dataTransfer.internetOut.gb");
        }
    }

    /** Every public IPv4 address is billed, in use or not: EIPs, ALB nodes, instances and tasks that get one. */
    private void publicAddresses() {
        var parts = new ArrayList<String>();
        var eips = resources.count("AWS::EC2::EIP");
        var albNodes = resources.ofType("AWS::ElasticLoadBalancingV2::LoadBalancer").stream()
                .filter(this::internetFacing)
                .filter(lb -> !"dualstack-without-public-ipv4"
                        .equals(lb.get("IpAddressType").asText()))
                .mapToInt(lb -> Math.max(
                        lb.get("Subnets").size(), lb.get("SubnetMappings").size()))
                .sum();
        var withEip = new HashSet<String>();
        resources
                .ofType("AWS::EC2::EIP")
                .forEach(eip -> eip.referenced("InstanceId").ifPresent(i -> withEip.add(i.id())));
        var instances = (int) resources.ofType("AWS::EC2::Instance").stream()
                .filter(i -> !withEip.contains(i.id()) && publicInstance(i))
                .count();
        var tasks = resources.ofType("AWS::ECS::Service").stream()
                .filter(s -> "ENABLED"
                        .equals(s.get("NetworkConfiguration")
                                .path("AwsvpcConfiguration")
                                .path("AssignPublicIp")
                                .asText()))
                .map(this::taskCount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        var total = BigDecimal.valueOf(eips + albNodes + instances).add(tasks);
        if (eips > 0) {
            parts.add(eips + " EIP");
        }
        if (albNodes > 0) {
            parts.add(albNodes + " ALB node");
        }
        if (instances > 0) {
            parts.add(instances + " instance");
        }
        if (tasks.signum() > 0) {
            parts.add(tasks.toPlainString() + " task");
        }
        if (total.signum() > 0) {
            fixed(
                    "public IPv4 addresses (" + String.join(", ", parts) + ")",
                    total.multiply(hours),
                    "address-hour",
                    "vpc.publicIpv4.hour");
        }
    }

    private boolean publicInstance(Resource instance) {
        for (var nic : instance.get("NetworkInterfaces")) {
            if (Resources.isTrue(nic.path("AssociatePublicIpAddress"))) {
                return true;
            }
        }
        return instance.referenced("SubnetId")
                .map(subnet -> Resources.isTrue(subnet.get("MapPublicIpOnLaunch")))
                .orElse(false);
    }

    private BigDecimal volumeGiB(Resource instance) {
        var total = BigDecimal.ZERO;
        for (var mapping : instance.get("BlockDeviceMappings")) {
            total = total.add(
                    Resources.number(mapping.path("Ebs").path("VolumeSize")).orElse(BigDecimal.ZERO));
        }
        return total.signum() > 0 ? total : a("natInstanceVolumeGB");
    }

    private boolean internetFacing(Resource lb) {
        return !"internal".equals(lb.get("Scheme").asText());
    }

    /** The distinct availability zones of the subnets ({"Fn::Select": [i, {"Fn::GetAZs": ""}]} or a name). */
    private int availabilityZones() {
        Set<String> zones = new HashSet<>();
        resources
                .ofType("AWS::EC2::Subnet")
                .forEach(s -> zones.add(s.get("AvailabilityZone").toString()));
        return zones.size();
    }

    private void loadBalancers() {
        var albs = (int) resources.ofType("AWS::ElasticLoadBalancingV2::LoadBalancer").stream()
                .filter(lb -> lb.get("Type").isMissingNode()
                        || "application".equals(lb.get("Type").asText()))
                .count();
        if (albs > 0) {
            fixed("ALB hours (" + albs + ")", hours.multiply(n(albs)), "ALB-hour", "elb.alb.hour");
            usage("ALB LCU hours", a("albLcu").multiply(hours).multiply(n(albs)), "LCU-hour", "elb.alb.lcuHour");
        }
    }

    private void tasks() {
        for (var service : resources.ofType("AWS::ECS::Service")) {
            var definition = service.referenced("TaskDefinition")
                    .orElseThrow(() -> new IllegalArgumentException(
                            "service " + service.id() + " names no task definition of its template"));
            var vcpu = Resources.number(definition.get("Cpu"))
                    .orElseThrow()
                    .divide(MIB_PER_GIB, 4, RoundingMode.HALF_UP)
                    .stripTrailingZeros();
            var gb = Resources.number(definition.get("Memory"))
                    .orElseThrow()
                    .divide(MIB_PER_GIB, 4, RoundingMode.HALF_UP)
                    .stripTrailingZeros();
            var architecture = definition
                    .get("RuntimePlatform")
                    .path("CpuArchitecture")
                    .asText("X86_64")
                    .toLowerCase(Locale.ROOT);
            var count = taskCount(service);
            var spot = spotTasks(service, count);
            var onDemand = count.subtract(spot);
            for (var capacity : List.of(Map.entry("onDemand", onDemand), Map.entry("spot", spot))) {
                if (capacity.getValue().signum() == 0) {
                    continue;
                }
                var label = architecture + ", " + ("spot".equals(capacity.getKey()) ? "Spot" : "on-demand") + ", "
                        + capacity.getValue().stripTrailingZeros().toPlainString() + " tasks";
                var key = "fargate." + architecture + "." + capacity.getKey();
                fixed(
                        "Fargate vCPU hours (" + label + " x " + vcpu.toPlainString() + " vCPU)",
                        capacity.getValue().multiply(vcpu).multiply(hours),
                        "vCPU-hour",
                        key + ".vcpuHour");
                fixed(
                        "Fargate GB hours (" + label + " x " + gb.toPlainString() + " GB)",
                        capacity.getValue().multiply(gb).multiply(hours),
                        "GB-hour",
                        key + ".gbHour");
            }
        }
        containerInsights();
    }

    /** The autoscaling minimum of the service, else its DesiredCount: what runs all month. */
    private BigDecimal taskCount(Resource service) {
        return resources.ofType("AWS::ApplicationAutoScaling::ScalableTarget").stream()
                .filter(t -> t.get("ResourceId").toString().contains("\"" + service.id() + "\""))
                .findFirst()
                .flatMap(t -> Resources.number(t.get("MinCapacity")))
                .or(() -> Resources.number(service.get("DesiredCount")))
                .orElse(BigDecimal.ONE);
    }

    /** How many of {@code count} tasks the capacity provider strategy (service or cluster default) puts on Spot. */
    private BigDecimal spotTasks(Resource service, BigDecimal count) {
        var strategy = service.get("CapacityProviderStrategy");
        if (strategy.isMissingNode() && service.get("LaunchType").isMissingNode()) {
            var cluster = service.referenced("Cluster").map(Resource::id).orElse("");
            strategy = resources.ofType("AWS::ECS::ClusterCapacityProviderAssociations").stream()
                    .filter(a -> a.get("Cluster").toString().contains("\"" + cluster + "\""))
                    .map(a -> a.get("DefaultCapacityProviderStrategy"))
                    .findFirst()
                    .orElse(strategy);
        }
        if (!strategy.isArray() || strategy.isEmpty()) {
            return BigDecimal.ZERO;
        }
        var remaining = count;
        var spot = BigDecimal.ZERO;
        var weights = BigDecimal.ZERO;
        var spotWeight = BigDecimal.ZERO;
        for (var item : strategy) {
            var base =
                    Resources.number(item.path("Base")).orElse(BigDecimal.ZERO).min(remaining);
            var isSpot = "FARGATE_SPOT".equals(item.path("CapacityProvider").asText());
            remaining = remaining.subtract(base);
            spot = isSpot ? spot.add(base) : spot;
            var weight = Resources.number(item.path("Weight")).orElse(BigDecimal.ZERO);
            weights = weights.add(weight);
            spotWeight = isSpot ? spotWeight.add(weight) : spotWeight;
        }
        if (weights.signum() > 0) {
            spot = spot.add(remaining.multiply(spotWeight).divide(weights, 4, RoundingMode.HALF_UP));
        }
        return spot.stripTrailingZeros();
    }

    private void containerInsights() {
        var clusters = resources.ofType("AWS::ECS::Cluster").stream()
                .filter(c -> {
                    for (var setting : c.get("ClusterSettings")) {
                        var value = setting.path("Value").asText();
                        if ("containerInsights".equals(setting.path("Name").asText()) && !"disabled".equals(value)) {
                            return true;
                        }
                    }
                    return false;
                })
                .map(Resource::id)
                .toList();
        if (clusters.isEmpty()) {
            return;
        }
        var services = resources.ofType("AWS::ECS::Service").stream()
                .filter(s -> s.referenced("Cluster")
                        .map(c -> clusters.contains(c.id()))
                        .orElse(false))
                .toList();
        var metrics = a("containerInsightsMetricsPerCluster")
                .multiply(n(clusters.size()))
                .add(a("containerInsightsMetricsPerService").multiply(n(services.size())));
        fixed(
                "Container Insights metrics (" + clusters.size() + " cluster, " + services.size() + " service)",
                metrics,
                "metric-month",
                "cloudwatch.metric.month");
        var tasks = services.stream().map(this::taskCount).reduce(BigDecimal.ZERO, BigDecimal::add);
        usage(
                "Container Insights performance log events",
                tasks.multiply(a("containerInsightsLogGBPerTask")),
                "GB ingested",
                "logs.ingestion.gb");
    }

    private void databases() {
        for (var db : resources.ofType("AWS::RDS::DBInstance")) {
            var instanceClass = db.get("DBInstanceClass").asText();
            var multiAz = Resources.isTrue(db.get("MultiAZ"));
            var copies = n(multiAz ? 2 : 1);
            var engine = db.get("Engine").asText("postgres");
            fixed(
                    "RDS " + instanceClass + (multiAz ? " Multi-AZ (primary + standby)" : " single-AZ")
                            + " instance hours",
                    hours.multiply(copies),
                    "instance-hour",
                    "rds." + engine + "." + instanceClass + ".hour");
            var storage = Resources.number(db.get("AllocatedStorage")).orElse(BigDecimal.valueOf(20));
            var storageType = db.get("StorageType").asText("gp2");
            fixed(
                    "RDS " + storageType + " storage (" + storage.toPlainString() + " GB" + (multiAz ? " x 2" : "")
                            + ")",
                    storage.multiply(copies),
                    "GB-month",
                    "rds." + storageType + ".gbMonth");
            var retention = Resources.number(db.get("BackupRetentionPeriod")).orElse(BigDecimal.ONE);
            var backups = a("databaseGB").add(retention.multiply(a("databaseDailyChangeGB")));
            usage(
                    "RDS backup storage beyond the free " + storage.toPlainString() + " GB (" + retention
                            + " days kept)",
                    backups.subtract(storage).max(BigDecimal.ZERO),
                    "GB-month",
                    "rds.backup.gbMonth");
            if (Resources.isTrue(db.get("EnablePerformanceInsights"))) {
                var days = Resources.number(db.get("PerformanceInsightsRetentionPeriod"))
                        .orElse(BigDecimal.valueOf(7));
                var vcpus = prices.of("rds.vcpus." + instanceClass);
                var free = days.compareTo(BigDecimal.valueOf(7)) <= 0;
                fixed(
                        "Performance Insights (" + days + " days of history" + (free ? ", free" : "") + ")",
                        vcpus,
                        "vCPU-month",
                        free ? "rds.performanceInsights.vcpuMonth" : "rds.performanceInsights.longTerm.vcpuMonth");
            }
        }
    }

    private void storage() {
        var buckets = resources.ofType("AWS::S3::Bucket");
        if (!buckets.isEmpty()) {
            var gb =
                    buckets.stream().map(b -> a("s3GB." + bucketRole(b.id()))).reduce(BigDecimal.ZERO, BigDecimal::add);
            usage("S3 Standard storage (" + buckets.size() + " buckets)", gb, "GB-month", "s3.standard.gbMonth");
            usage("S3 PUT/COPY/POST/LIST requests", a("s3PutThousands"), "1,000 requests", "s3.put.1k");
            usage("S3 GET requests", a("s3GetThousands"), "1,000 requests", "s3.get.1k");
        }
        var distributions = resources.ofType("AWS::CloudFront::Distribution");
        if (!distributions.isEmpty()) {
            var count = n(distributions.size());
            var requests = a("cloudFrontRequests").multiply(count);
            usage("CloudFront data out", a("cloudFrontGB").multiply(count), "GB", "cloudfront.dataOut.gb");
            usage(
                    "CloudFront HTTPS requests",
                    requests.divide(TEN_THOUSAND),
                    "10,000 requests",
                    "cloudfront.https.10kRequests");
            if (distributions.stream()
                    .anyMatch(d -> d.get("DistributionConfig").toString().contains("FunctionARN"))) {
                usage(
                        "CloudFront Functions invocations",
                        requests.divide(MILLION),
                        "million invocations",
                        "cloudfront.function.million");
            }
        }
        var streams = resources.ofType("AWS::KinesisFirehose::DeliveryStream");
        var wafStreams = streams.stream()
                .filter(s -> s.get("DeliveryStreamName").asText().startsWith("aws-waf-logs-"))
                .toList();
        var logStreams = streams.stream().filter(s -> !wafStreams.contains(s)).toList();
        if (!logStreams.isEmpty()) {
            var gb = a("appLogGB").multiply(n(logStreams.size()));
            usage("Firehose ingestion (application logs to S3)", gb, "GB", "firehose.directPut.gb");
            if (logStreams.stream().anyMatch(s -> s.properties().toString().contains("\"Decompression\""))) {
                usage("Firehose decompression of CloudWatch Logs records", gb, "GB", "firehose.decompression.gb");
            }
        }
        if (!wafStreams.isEmpty()) {
            // WAF puts one record per request, and Firehose bills each record rounded up to 5 KB.
            usage(
                    "Firehose ingestion (WAF logs, one record per request)",
                    a("requestsMillions")
                            .multiply(a("wafLogRecordKB"))
                            .multiply(n(wafStreams.size()))
                            .stripTrailingZeros(),
                    "GB",
                    "firehose.directPut.gb");
        }
        var flowLogsToS3 = resources.ofType("AWS::EC2::FlowLog").stream()
                .filter(f -> "s3".equals(f.get("LogDestinationType").asText()))
                .count();
        if (flowLogsToS3 > 0) {
            usage(
                    "VPC flow logs delivered to S3",
                    a("flowLogGB").multiply(n((int) flowLogsToS3)),
                    "GB",
                    "logs.vendedToS3.gb");
        }
    }

    private static String bucketRole(String id) {
        var lower = id.toLowerCase(Locale.ROOT);
        for (var role : List.of("logging", "data", "report", "artifact")) {
            if (lower.contains(role)) {
                return role.endsWith("t") ? role + "s" : role;
            }
        }
        return "other";
    }

    private void logs() {
        var groups = resources.ofType("AWS::Logs::LogGroup");
        if (groups.isEmpty()) {
            return;
        }
        var appGroups = new HashSet<String>();
        resources
                .ofType("AWS::ECS::TaskDefinition")
                .forEach(d -> d.get("ContainerDefinitions")
                        .forEach(c -> appGroups.add(c.path("LogConfiguration")
                                .path("Options")
                                .path("awslogs-group")
                                .path("Ref")
                                .asText())));
        var buildGroups = new HashSet<String>();
        resources
                .ofType("AWS::CodeBuild::Project")
                .forEach(p -> buildGroups.add(p.get("LogsConfig")
                        .path("CloudWatchLogs")
                        .path("GroupName")
                        .path("Ref")
                        .asText()));
        var databaseGroups = groups.stream()
                .filter(g -> g.get("LogGroupName").asText().startsWith("/aws/rds/"))
                .count();
        var ingested = BigDecimal.ZERO;
        var stored = BigDecimal.ZERO;
        for (var group : groups) {
            BigDecimal gb;
            if (appGroups.contains(group.id())) {
                gb = a("appLogGB");
            } else if (buildGroups.contains(group.id())) {
                gb = a("pipelineRunsPerMonth")
                        .multiply(a("buildLogMBPerRun"))
                        .divide(MIB_PER_GIB, 6, RoundingMode.HALF_UP);
            } else if (group.get("LogGroupName").asText().startsWith("/aws/rds/")) {
                gb = a("databaseLogGB").divide(n((int) databaseGroups), 6, RoundingMode.HALF_UP);
            } else {
                gb = a("otherLogGB");
            }
            var months = Resources.number(group.get("RetentionInDays"))
                    .map(days -> days.divide(DAYS_PER_MONTH, 6, RoundingMode.HALF_UP))
                    .orElse(a("logMonthsWithoutRetention"));
            ingested = ingested.add(gb);
            stored = stored.add(gb.multiply(months).multiply(a("logCompressionRatio")));
        }
        usage(
                "CloudWatch Logs ingestion (" + groups.size() + " log groups)",
                ingested.stripTrailingZeros(),
                "GB",
                "logs.ingestion.gb");
        usage(
                "CloudWatch Logs storage (each group's retention, compressed)",
                stored.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros(),
                "GB-month",
                "logs.storage.gbMonth");
    }

    private void monitoring() {
        var filterMetrics = resources.ofType("AWS::Logs::MetricFilter").stream()
                .mapToInt(f -> f.get("MetricTransformations").size())
                .sum();
        var custom = n(filterMetrics).add(a("customMetrics"));
        if (custom.signum() > 0) {
            fixed(
                    "CloudWatch custom metrics (" + filterMetrics + " from metric filters)",
                    custom,
                    "metric-month",
                    "cloudwatch.metric.month");
        }
        var standard = 0;
        var highResolution = 0;
        for (var alarm : resources.ofType("AWS::CloudWatch::Alarm")) {
            var metrics = 0;
            var fast = false;
            for (var query : alarm.get("Metrics")) {
                if (query.has("MetricStat")) {
                    metrics++;
                    fast |= Resources.number(query.path("MetricStat").path("Period"))
                            .map(p -> p.intValue() < 60)
                            .orElse(false);
                }
            }
            if (metrics == 0) {
                metrics = 1;
                fast = Resources.number(alarm.get("Period"))
                        .map(p -> p.intValue() < 60)
                        .orElse(false);
            }
            if (fast) {
                highResolution += metrics;
            } else {
                standard += metrics;
            }
        }
        var alarms = resources.count("AWS::CloudWatch::Alarm");
        if (standard > 0) {
            fixed(
                    "CloudWatch alarms (" + alarms + " alarms, standard resolution)",
                    n(standard),
                    "alarm metric-month",
                    "cloudwatch.alarm.standard.month");
        }
        if (highResolution > 0) {
            fixed(
                    "CloudWatch alarms (high resolution)",
                    n(highResolution),
                    "alarm metric-month",
                    "cloudwatch.alarm.highResolution.month");
        }
        var composite = resources.count("AWS::CloudWatch::CompositeAlarm");
        if (composite > 0) {
            fixed("CloudWatch composite alarms", n(composite), "alarm-month", "cloudwatch.alarm.composite.month");
        }
        var dashboards = resources.count("AWS::CloudWatch::Dashboard");
        if (dashboards > 0) {
            fixed("CloudWatch dashboards", n(dashboards), "dashboard-month", "cloudwatch.dashboard.month");
        }
    }

    private void security() {
        var keys = resources.count("AWS::KMS::Key");
        if (keys > 0) {
            fixed("KMS customer managed keys", n(keys), "key-month", "kms.key.month");
            usage(
                    "KMS requests",
                    a("kmsRequests").multiply(n(keys)).divide(TEN_THOUSAND),
                    "10,000 requests",
                    "kms.10kRequests");
        }
        // RDS creates and rotates the master user's secret itself when the instance manages its password.
        var byRds = (int) resources.ofType("AWS::RDS::DBInstance").stream()
                .filter(db -> Resources.isTrue(db.get("ManageMasterUserPassword")))
                .count();
        var secrets = resources.count("AWS::SecretsManager::Secret") + byRds;
        if (secrets > 0) {
            fixed(
                    "Secrets Manager secrets" + (byRds > 0 ? " (" + byRds + " of them RDS's master secret)" : ""),
                    n(secrets),
                    "secret-month",
                    "secretsmanager.secret.month");
            usage(
                    "Secrets Manager API calls",
                    a("secretsApiCalls").divide(TEN_THOUSAND),
                    "10,000 calls",
                    "secretsmanager.10kCalls");
        }
        var acls = resources.ofType("AWS::WAFv2::WebACL");
        if (!acls.isEmpty()) {
            var rules = acls.stream().mapToInt(acl -> acl.get("Rules").size()).sum();
            fixed("WAF web ACLs", n(acls.size()), "web ACL-month", "waf.webAcl.month");
            fixed("WAF rules and rule groups (" + rules + ")", n(rules), "rule-month", "waf.rule.month");
            usage(
                    "WAF requests inspected",
                    a("requestsMillions").multiply(n(acls.size())),
                    "million requests",
                    "waf.million.requests");
        }
    }

    private void registries() {
        var repositories = resources.ofType("AWS::ECR::Repository");
        if (repositories.isEmpty()) {
            return;
        }
        var gb = BigDecimal.ZERO;
        var kept = new ArrayList<String>();
        for (var repository : repositories) {
            var keep = imagesKept(repository);
            kept.add(String.valueOf(keep));
            gb = gb.add(a("imageGB").add(a("imageChangedGB").multiply(n(keep - 1))));
        }
        usage(
                "ECR storage (" + repositories.size() + " repository, " + String.join("/", kept) + " images kept)",
                gb,
                "GB-month",
                "ecr.storage.gbMonth");
    }

    /** The lifecycle policy's image count, or 100 when the repository keeps every image. */
    private static int imagesKept(Resource repository) {
        var text = repository.get("LifecyclePolicy").path("LifecyclePolicyText").asText("");
        if (text.isEmpty()) {
            return 100;
        }
        try {
            var keep = 0;
            for (var rule : new ObjectMapper().readTree(text).path("rules")) {
                if ("imageCountMoreThan"
                        .equals(rule.path("selection").path("countType").asText())) {
                    keep = Math.max(
                            keep, rule.path("selection").path("countNumber").asInt());
                }
            }
            return keep > 0 ? keep : 100;
        } catch (IOException e) {
            return 100;
        }
    }

    private void delivery() {
        var runs = a("pipelineRunsPerMonth");
        var minutes = new LinkedHashMap<String, BigDecimal>();
        var projects = new LinkedHashMap<String, Integer>();
        for (var project : resources.ofType("AWS::CodeBuild::Project")) {
            var environment = project.get("Environment");
            var key = environment.path("Type").asText() + "."
                    + environment.path("ComputeType").asText();
            var name = project.get("Name").asText(project.id());
            var step = name.substring(name.lastIndexOf('-') + 1);
            var perRun = assumptions.ofOr(report, "buildMinutes." + step, "buildMinutes.default");
            minutes.merge(key, perRun.multiply(runs), BigDecimal::add);
            projects.merge(key, 1, Integer::sum);
        }
        minutes.forEach((key, total) -> {
            var parts = key.split("\\.");
            var architecture = parts[0].startsWith("ARM") ? "arm64" : "x86_64";
            var size = parts[1].replace("BUILD_GENERAL1_", "").toLowerCase(Locale.ROOT);
            usage(
                    "CodeBuild " + size + " " + architecture + " minutes (" + projects.get(key) + " projects, "
                            + runs.toPlainString() + " runs)",
                    total,
                    "build minute",
                    "codebuild." + key + ".minute");
        });
        for (var pipeline : resources.ofType("AWS::CodePipeline::Pipeline")) {
            if ("V2".equals(pipeline.get("PipelineType").asText())) {
                usage(
                        "CodePipeline V2 action minutes (" + runs.toPlainString() + " runs)",
                        runs.multiply(a("pipelineActionMinutesPerRun")),
                        "action minute",
                        "codepipeline.v2.actionMinute");
            } else {
                fixed("CodePipeline V1 pipeline", BigDecimal.ONE, "pipeline-month", "codepipeline.v1.pipelineMonth");
            }
        }
    }

    /** Custom resources and hooks: each function runs a few times a month (deploys), for cents. */
    private void functions() {
        var functions = resources.ofType("AWS::Lambda::Function");
        if (functions.isEmpty()) {
            return;
        }
        var invocations = a("lambdaInvocationsPerFunction");
        usage(
                "Lambda requests (" + functions.size() + " functions)",
                invocations.multiply(n(functions.size())).divide(BigDecimal.valueOf(1000)),
                "1,000 requests",
                "lambda.requests.1k");
        var gbSeconds = new LinkedHashMap<String, BigDecimal>();
        for (var function : functions) {
            var architecture = function.get("Architectures").path(0).asText("x86_64");
            var gb = Resources.number(function.get("MemorySize"))
                    .orElse(BigDecimal.valueOf(128))
                    .divide(MIB_PER_GIB, 6, RoundingMode.HALF_UP);
            gbSeconds.merge(
                    architecture, gb.multiply(invocations).multiply(a("lambdaSecondsPerInvocation")), BigDecimal::add);
        }
        gbSeconds.forEach((architecture, quantity) -> usage(
                "Lambda compute (" + architecture + ")",
                quantity.stripTrailingZeros(),
                "GB-second",
                "lambda." + architecture + ".gbSecond"));
    }

    private void budgetsAndBackups() {
        var days = hours.divide(BigDecimal.valueOf(24), 4, RoundingMode.HALF_UP);
        var budgets = resources.count("AWS::Budgets::Budget");
        if (budgets > 0) {
            fixed(
                    "AWS Budgets budgets (" + budgets + ", alerts only)",
                    days.multiply(n(budgets)),
                    "budget-day",
                    "budgets.budget.day");
        }
        var withActions = new HashSet<String>();
        resources
                .ofType("AWS::Budgets::BudgetsAction")
                .forEach(a -> withActions.add(a.get("BudgetName").toString()));
        if (!withActions.isEmpty()) {
            fixed(
                    "AWS Budgets budgets with actions",
                    days.multiply(n(withActions.size())),
                    "budget-day",
                    "budgets.actionBudget.day");
        }
        var keep = 0;
        for (var plan : resources.ofType("AWS::Backup::BackupPlan")) {
            for (var rule : plan.get("BackupPlan").path("BackupPlanRule")) {
                keep = Math.max(
                        keep, rule.path("Lifecycle").path("DeleteAfterDays").asInt(35));
            }
        }
        if (keep == 0) {
            return;
        }
        var selected = new StringBuilder();
        resources
                .ofType("AWS::Backup::BackupSelection")
                .forEach(s -> selected.append(s.get("BackupSelection").path("Resources")));
        var databases = resources.ofType("AWS::RDS::DBInstance").stream()
                .filter(db -> selected.isEmpty() || selected.indexOf("\"" + db.id() + "\"") >= 0)
                .count();
        if (databases > 0) {
            // The first snapshot is the whole database, each later one what changed since.
            var gb = a("databaseGB").add(a("databaseDailyChangeGB").multiply(n(Math.max(keep - 1, 0))));
            usage(
                    "AWS Backup storage (daily snapshots kept " + keep + " days)",
                    gb.multiply(n((int) databases)),
                    "GB-month",
                    "backup.rds.gbMonth");
        }
        var buckets = resources.ofType("AWS::S3::Bucket").stream()
                .filter(b -> selected.indexOf("\"" + b.id() + "\"") >= 0)
                .toList();
        if (!buckets.isEmpty()) {
            // Incremental after the first: about the bucket's size, its kept versions included.
            usage(
                    "AWS Backup storage of S3 (" + buckets.size() + " buckets, kept " + keep + " days)",
                    buckets.stream().map(b -> a("s3GB." + bucketRole(b.id()))).reduce(BigDecimal.ZERO, BigDecimal::add),
                    "GB-month",
                    "backup.s3.gbMonth");
        }
    }

    private BigDecimal a(String key) {
        return assumptions.of(report, key);
    }

    private static BigDecimal n(int value) {
        return BigDecimal.valueOf(value);
    }

    private void fixed(String item, BigDecimal quantity, String unit, String price) {
        lines.add(new CostLine(item, quantity, unit, prices.of(price), false));
    }

    private void usage(String item, BigDecimal quantity, String unit, String price) {
        lines.add(new CostLine(item, quantity, unit, prices.of(price), true));
    }
}
