package com.example.myamazingapp.infra.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmRule;
import software.amazon.awscdk.services.cloudwatch.AlarmState;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CompositeAlarm;
import software.amazon.awscdk.services.cloudwatch.IAlarmRule;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * The environment's alarms, each sending ALARM and OK to the ops topic, and the composite "the environment is
 * unhealthy" over the ones users feel. Missing data is decided per kind: traffic metrics (load balancer, Firehose, the
 * report failures) have no data when nothing happens, which is healthy (not breaching); resource metrics (ECS, RDS) are
 * always reported, so a gap keeps the last state rather than raising or clearing an alarm, except for the running
 * tasks, whose gap means that no task runs. The runbook of each alarm is in docs/operations.md under its name.
 */
public class Alarms extends Construct {

    /** The namespace of the metrics the environment's log groups produce. */
    public static final String NAMESPACE = "myamazingapp";

    private static final Duration FIVE_MINUTES = Duration.minutes(5);

    /**
     * @param environmentName qa or prod
     * @param topic where every alarm sends ALARM and OK
     * @param thresholds the thresholds, from the environment's configuration
     * @param loadBalancer ALB1
     * @param targetGroups the service's target groups (two with blue/green)
     * @param service the ECS service
     * @param minimumTasks the service's autoscaling minimum (desiredCount)
     * @param noTaskExpected the condition under which the service runs no task on purpose (no image shipped yet)
     * @param database RDS_DB_instance1
     * @param logDeliveryStreamName the Firehose stream that archives the application's logs
     * @param applicationLogs the application's log group (the report job's failures are counted there)
     */
    public record Props(
            String environmentName,
            ITopic topic,
            AlarmThresholds thresholds,
            ApplicationLoadBalancer loadBalancer,
            List<ApplicationTargetGroup> targetGroups,
            FargateService service,
            int minimumTasks,
            CfnCondition noTaskExpected,
            DatabaseInstance database,
            String logDeliveryStreamName,
            ILogGroup applicationLogs) {}

    private final Props props;
    private final List<Alarm> alarms = new ArrayList<>();
    private final Alarm targetErrors;
    private final Alarm loadBalancerErrors;
    private final Alarm latency;
    private final CompositeAlarm unhealthy;

    public Alarms(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        var t = props.thresholds();
        var alb = props.loadBalancer().getMetrics();

        targetErrors = alarm(
                "target-5xx-rate",
                "Share of requests the application answered with 5xx",
                errorRate(alb.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, sum()), alb.requestCount(sum())),
                t.errorRatePercent(),
                2,
                TreatMissingData.NOT_BREACHING);
        loadBalancerErrors = alarm(
                "elb-5xx-rate",
                "Share of requests the load balancer itself answered with 5xx (no healthy target, target reset)",
                errorRate(alb.httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, sum()), alb.requestCount(sum())),
                t.errorRatePercent(),
                2,
                TreatMissingData.NOT_BREACHING);
        latency = alarm(
                "target-p99",
                "The targets' p99 response time, seconds",
                alb.targetResponseTime(MetricOptions.builder()
                        .statistic("p99")
                        .period(FIVE_MINUTES)
                        .build()),
                t.p99LatencySeconds(),
                2,
                TreatMissingData.NOT_BREACHING);
        var unhealthyTargets = alarm(
                "unhealthy-targets",
                "Targets failing the load balancer's health check, 5 minutes in a row",
                unhealthyHosts(),
                0,
                5,
                TreatMissingData.NOT_BREACHING);
        var tasksMissing = alarmBelow(
                "tasks-below-minimum",
                "Running tasks of the service (samples a minute of its CPU metric), 15 minutes in a row,",
                runningTasks(),
                props.minimumTasks(),
                15,
                TreatMissingData.BREACHING);
        // No task at all means no data point: breaching, except while the image is still 'bootstrap' (0 tasks on
        // purpose, until the pipeline's first release).
        ((CfnAlarm) tasksMissing.getNode().getDefaultChild())
                .setTreatMissingData(Fn.conditionIf(props.noTaskExpected().getLogicalId(), "notBreaching", "breaching")
                        .toString());
        alarm(
                "service-cpu",
                "The service's average CPU, percent",
                props.service().metricCpuUtilization(average()),
                t.serviceCpuPercent(),
                3,
                TreatMissingData.MISSING);
        alarm(
                "service-memory",
                "The service's average memory, percent",
                props.service().metricMemoryUtilization(average()),
                t.serviceMemoryPercent(),
                3,
                TreatMissingData.MISSING);
        var db = props.database();
        alarm(
                "db-cpu",
                "The database's CPU, percent",
                db.metricCPUUtilization(average()),
                t.dbCpuPercent(),
                3,
                TreatMissingData.MISSING);
        alarmBelow(
                "db-free-storage",
                "The database's free storage, bytes",
                db.metricFreeStorageSpace(minimum()),
                t.dbFreeStorageGiB() * 1024.0 * 1024 * 1024,
                1);
        alarmBelow(
                "db-freeable-memory",
                "The database's freeable memory, bytes",
                db.metricFreeableMemory(minimum()),
                t.dbFreeableMemoryMiB() * 1024.0 * 1024,
                3);
        alarm(
                "db-connections",
                "Open connections to the database",
                db.metricDatabaseConnections(MetricOptions.builder()
                        .statistic("Maximum")
                        .period(FIVE_MINUTES)
                        .build()),
                t.dbConnections(),
                3,
                TreatMissingData.MISSING);
        alarmBelow(
                "log-delivery",
                "Share of the application log archive's S3 writes that succeeded (Firehose), 1 = all",
                Metric.Builder.create()
                        .namespace("AWS/Firehose")
                        .metricName("DeliveryToS3.Success")
                        .dimensionsMap(Map.of("DeliveryStreamName", props.logDeliveryStreamName()))
                        .statistic("Average")
                        .period(FIVE_MINUTES)
                        .build(),
                1,
                3,
                TreatMissingData.NOT_BREACHING);
        reportFailures();

        var userFacing = new ArrayList<IAlarmRule>();
        for (var alarm : List.of(targetErrors, loadBalancerErrors, latency, unhealthyTargets, tasksMissing)) {
            userFacing.add(AlarmRule.fromAlarm(alarm, AlarmState.ALARM));
        }
        unhealthy = CompositeAlarm.Builder.create(this, "unhealthy")
                .compositeAlarmName(name("unhealthy"))
                .alarmDescription("myamazingapp " + props.environmentName()
                        + " is unhealthy: users get errors, slow answers, or fewer tasks serve than should."
                        + " Runbook: docs/operations.md#unhealthy")
                .alarmRule(AlarmRule.anyOf(userFacing.toArray(IAlarmRule[]::new)))
                .build();
        unhealthy.addAlarmAction(new SnsAction(props.topic()));
        unhealthy.addOkAction(new SnsAction(props.topic()));
    }

    /**
     * The report job logs one ERROR line from its logger when a run fails (reports.ReportJob): a metric filter counts
     * them, and the alarm stays in ALARM for the hour after a failure, then turns OK (the next run is a day later).
     */
    private void reportFailures() {
        var metricName = "ReportRunFailures";
        var namespace = NAMESPACE + "/" + props.environmentName();
        MetricFilter.Builder.create(this, "report_failures")
                .logGroup(props.applicationLogs())
                .filterPattern(FilterPattern.all(
                        FilterPattern.stringValue("$.log.logger", "=", "com.example.myamazingapp.reports.ReportJob"),
                        FilterPattern.stringValue("$.log.level", "=", "ERROR")))
                .metricNamespace(namespace)
                .metricName(metricName)
                .metricValue("1")
                .build();
        alarm(
                "report-failed",
                "Failed report runs in the last hour",
                Metric.Builder.create()
                        .namespace(namespace)
                        .metricName(metricName)
                        .statistic("Sum")
                        .period(Duration.hours(1))
                        .build(),
                0,
                1,
                TreatMissingData.NOT_BREACHING);
    }

    private Alarm alarm(
            String name, String what, IMetric metric, double threshold, int periods, TreatMissingData missing) {
        return alarm(name, what, metric, threshold, periods, missing, ComparisonOperator.GREATER_THAN_THRESHOLD);
    }

    /** Resource floors (storage, memory) are always reported: a gap keeps the last state. */
    private Alarm alarmBelow(String name, String what, IMetric metric, double threshold, int periods) {
        return alarmBelow(name, what, metric, threshold, periods, TreatMissingData.MISSING);
    }

    private Alarm alarmBelow(
            String name, String what, IMetric metric, double threshold, int periods, TreatMissingData missing) {
        return alarm(name, what, metric, threshold, periods, missing, ComparisonOperator.LESS_THAN_THRESHOLD);
    }

    private Alarm alarm(
            String name,
            String what,
            IMetric metric,
            double threshold,
            int periods,
            TreatMissingData missing,
            ComparisonOperator comparison) {
        var alarm = Alarm.Builder.create(this, name)
                .alarmName(name(name))
                .alarmDescription(what + (comparison == ComparisonOperator.LESS_THAN_THRESHOLD ? " below " : " above ")
                        + threshold + ". Runbook: docs/operations.md#" + name)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData(missing)
                .build();
        alarm.addAlarmAction(new SnsAction(props.topic()));
        alarm.addOkAction(new SnsAction(props.topic()));
        alarms.add(alarm);
        return alarm;
    }

    /**
     * 100 × errors / requests over 5 minutes, 0 while fewer than minRequests arrived; periods without requests have no
     * data points at all and count as 0 errors.
     */
    private MathExpression errorRate(Metric errors, Metric requests) {
        return MathExpression.Builder.create()
                .expression(
                        "IF(requests >= " + props.thresholds().minRequests() + ", 100 * FILL(errors, 0) / requests, 0)")
                .usingMetrics(Map.of("errors", errors, "requests", requests))
                .label("5xx, % of requests")
                .period(FIVE_MINUTES)
                .build();
    }

    /** Unhealthy targets of all the service's target groups (blue/green has two; the idle one reports nothing). */
    private IMetric unhealthyHosts() {
        var metrics = new java.util.LinkedHashMap<String, IMetric>();
        var groups = props.targetGroups();
        for (int i = 0; i < groups.size(); i++) {
            metrics.put(
                    "group" + (i + 1),
                    groups.get(i)
                            .getMetrics()
                            .unhealthyHostCount(MetricOptions.builder()
                                    .statistic("Maximum")
                                    .period(Duration.minutes(1))
                                    .build()));
        }
        if (metrics.size() == 1) {
            return metrics.values().iterator().next();
        }
        return MathExpression.Builder.create()
                .expression(String.join(
                        " + ",
                        metrics.keySet().stream()
                                .map(id -> "FILL(" + id + ", 0)")
                                .toList()))
                .usingMetrics(metrics)
                .label("unhealthy targets")
                .period(Duration.minutes(1))
                .build();
    }

    /**
     * The service's running tasks, free: each RUNNING task gives ECS's service CPU metric one sample a minute, so its
     * SampleCount over one minute is the number of running tasks (the ECS developer guide, "Service RUNNING task
     * count"). Container Insights' RunningTaskCount says the same for about 10 USD a month.
     */
    public static Metric runningTasks(FargateService service) {
        return service.metricCpuUtilization(MetricOptions.builder()
                .statistic("SampleCount")
                .period(Duration.minutes(1))
                .build());
    }

    private IMetric runningTasks() {
        return runningTasks(props.service());
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(FIVE_MINUTES).build();
    }

    private static MetricOptions average() {
        return MetricOptions.builder().statistic("Average").period(FIVE_MINUTES).build();
    }

    private static MetricOptions minimum() {
        return MetricOptions.builder().statistic("Minimum").period(FIVE_MINUTES).build();
    }

    private String name(String alarm) {
        return "myamazingapp-" + props.environmentName() + "-" + alarm;
    }

    /** Every metric alarm (not the composite), e.g. for the dashboard's alarm status. */
    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    /** For blue/green's deployment alarms: the targets' 5xx rate and p99. */
    public List<Alarm> deploymentAlarms() {
        return List.of(targetErrors, latency);
    }

    public Alarm loadBalancerErrors() {
        return loadBalancerErrors;
    }

    public CompositeAlarm unhealthy() {
        return unhealthy;
    }
}
