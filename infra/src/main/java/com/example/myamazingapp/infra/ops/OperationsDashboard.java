package com.example.myamazingapp.infra.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.interfaces.cloudwatch.IAlarmRef;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidgetSortBy;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The environment's dashboard, {@code myamazingapp-<env>}: one page that answers "is it healthy, and since when not".
 * First the alarms' states, then the golden signals (traffic, errors, latency, saturation) of the load balancer, the
 * service, the database and the uploads.
 */
public class OperationsDashboard extends Construct {

    private static final Duration MINUTE = Duration.minutes(1);

    /**
     * @param environmentName qa or prod
     * @param alarms the environment's alarms, composite first
     * @param loadBalancer ALB1
     * @param targetGroups the service's target groups
     * @param service the ECS service
     * @param minimumTasks the service's autoscaling minimum, drawn as a line under the running tasks
     * @param database RDS_DB_instance1
     * @param dataBucket where the uploads are stored
     * @param applicationLogs the application's log group (its request lines count the uploads)
     */
    public record Props(
            String environmentName,
            List<IAlarmRef> alarms,
            ApplicationLoadBalancer loadBalancer,
            List<ApplicationTargetGroup> targetGroups,
            FargateService service,
            int minimumTasks,
            DatabaseInstance database,
            IBucket dataBucket,
            ILogGroup applicationLogs) {}

    private final Dashboard dashboard;

    public OperationsDashboard(Construct scope, String id, Props props) {
        super(scope, id);
        var alb = props.loadBalancer().getMetrics();
        var service = props.service();
        var db = props.database();

        dashboard = Dashboard.Builder.create(this, "dashboard")
                .dashboardName("myamazingapp-" + props.environmentName())
                .defaultInterval(Duration.hours(24))
                .build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# myamazingapp " + props.environmentName()
                        + "\nAlarms first (red: see docs/operations.md, *Runbook*), then requests, errors,"
                        + " latency and saturation of the load balancer, the service, the database and the"
                        + " uploads.")
                .width(24)
                .height(2)
                .build());
        dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                .title("Alarms")
                .alarms(props.alarms())
                .sortBy(AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP)
                .width(24)
                .height(4)
                .build());
        dashboard.addWidgets(
                graph("Requests per minute", List.of(alb.requestCount(sum()))),
                graph(
                        "Errors per minute",
                        List.of(
                                alb.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, sum()),
                                alb.httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, sum()),
                                alb.httpCodeTarget(HttpCodeTarget.TARGET_4XX_COUNT, sum()))),
                graph(
                        "Response time, seconds",
                        List.of(alb.targetResponseTime(stat("p50")), alb.targetResponseTime(stat("p99")))));
        var hosts = new ArrayList<IMetric>();
        for (var group : props.targetGroups()) {
            hosts.add(group.getMetrics().healthyHostCount(stat("Minimum")));
            hosts.add(group.getMetrics().unhealthyHostCount(stat("Maximum")));
        }
        dashboard.addWidgets(
                graph(
                        "Service CPU and memory, %",
                        List.of(
                                service.metricCpuUtilization(stat("Average")),
                                service.metricMemoryUtilization(stat("Average")))),
                GraphWidget.Builder.create()
                        .title("Running tasks")
                        .left(List.of(Alarms.runningTasks(service)
                                .with(MetricOptions.builder()
                                        .label("running tasks")
                                        .build())))
                        .leftAnnotations(List.of(HorizontalAnnotation.builder()
                                .value(props.minimumTasks())
                                .label("autoscaling minimum")
                                .build()))
                        .width(8)
                        .height(6)
                        .build(),
                graph("Targets (healthy, unhealthy)", hosts));
        dashboard.addWidgets(
                graph(
                        "Database CPU %, connections",
                        List.of(
                                db.metricCPUUtilization(stat("Average")),
                                db.metricDatabaseConnections(stat("Maximum")))),
                graph(
                        "Database latency, seconds",
                        List.of(db.metric("ReadLatency", stat("Average")), db.metric("WriteLatency", stat("Average")))),
                graph(
                        "Database free storage and freeable memory, bytes",
                        List.of(db.metricFreeStorageSpace(stat("Minimum")), db.metricFreeableMemory(stat("Minimum")))));
        dashboard.addWidgets(
                graph("Uploads per minute", List.of(uploads(props))),
                graph(
                        "Data bucket (daily)",
                        List.of(
                                bucketStorage(props.dataBucket(), "BucketSizeBytes", "StandardStorage"),
                                bucketStorage(props.dataBucket(), "NumberOfObjects", "AllStorageTypes"))));
    }

    /** Upload requests (API PUT or POST, the page's POST), counted from the application's one line per request. */
    private Metric uploads(Props props) {
        var namespace = Alarms.NAMESPACE + "/" + props.environmentName();
        MetricFilter.Builder.create(this, "uploads")
                .logGroup(props.applicationLogs())
                .filterPattern(FilterPattern.all(
                        FilterPattern.stringValue("$.log.logger", "=", "com.example.myamazingapp.web.RequestIdFilter"),
                        FilterPattern.any(
                                FilterPattern.stringValue("$.message", "=", "PUT /api/files*"),
                                FilterPattern.stringValue("$.message", "=", "POST /api/files*"),
                                FilterPattern.stringValue("$.message", "=", "POST /files*"))))
                .metricNamespace(namespace)
                .metricName("Uploads")
                .metricValue("1")
                .build();
        return Metric.Builder.create()
                .namespace(namespace)
                .metricName("Uploads")
                .statistic("Sum")
                .period(MINUTE)
                .build();
    }

    private static Metric bucketStorage(IBucket bucket, String metricName, String storageType) {
        return Metric.Builder.create()
                .namespace("AWS/S3")
                .metricName(metricName)
                .dimensionsMap(Map.of("BucketName", bucket.getBucketName(), "StorageType", storageType))
                .statistic("Average")
                .period(Duration.days(1))
                .build();
    }

    private static IWidget graph(String title, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create()
                .title(title)
                .left(List.copyOf(metrics))
                .width(8)
                .height(6)
                .build();
    }

    private static MetricOptions sum() {
        return stat("Sum");
    }

    private static MetricOptions stat(String statistic) {
        return MetricOptions.builder().statistic(statistic).period(MINUTE).build();
    }

    public Dashboard dashboard() {
        return dashboard;
    }
}
