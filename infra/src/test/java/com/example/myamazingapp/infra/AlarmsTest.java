package com.example.myamazingapp.infra;

import static com.example.myamazingapp.infra.Synthesized.application;
import static com.example.myamazingapp.infra.Synthesized.resolve;
import static com.example.myamazingapp.infra.Synthesized.stack;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;

/** Know when it breaks: the ops topic, each alarm (metric, threshold, missing data, actions), the composite. */
class AlarmsTest {

    static Object topic(String env) {
        return resolve(env, stack(env).ops().topic().getTopicArn());
    }

    @ParameterizedTest(
            name =
                    "{0}: the ops topic myamazingapp-{0}-ops is KMS-encrypted, HTTPS-only, and CloudWatch may use its key")
    @ValueSource(strings = {"qa", "prod"})
    void opsTopic(String env) {
        var t = application(env);
        t.hasResourceProperties(
                "AWS::SNS::Topic",
                Map.of("TopicName", "myamazingapp-" + env + "-ops", "KmsMasterKeyId", Match.anyValue()));
        t.hasResourceProperties(
                "AWS::SNS::TopicPolicy",
                Map.of(
                        "Topics",
                        List.of(topic(env)),
                        "PolicyDocument",
                        Match.objectLike(Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Effect",
                                        "Deny",
                                        "Condition",
                                        Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
        t.hasResourceProperties(
                "AWS::KMS::Key",
                Map.of(
                        "Description",
                        "myamazingapp " + env + " ops notifications",
                        "KeyPolicy",
                        Match.objectLike(Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Principal",
                                        Map.of("Service", "cloudwatch.amazonaws.com"),
                                        "Action",
                                        List.of("kms:Decrypt", "kms:GenerateDataKey*"))))))),
                        "EnableKeyRotation",
                        true));
    }

    @ParameterizedTest(
            name =
                    "{0}: alarm {1} watches {2}, {3} {4} for {5} period(s), missing data {6}, and tells the ops topic on ALARM and OK")
    @CsvSource({
        "qa, target-5xx-rate, HTTPCode_Target_5XX_Count, GreaterThanThreshold, 5, 2, notBreaching",
        "prod, target-5xx-rate, HTTPCode_Target_5XX_Count, GreaterThanThreshold, 5, 2, notBreaching",
        "prod, elb-5xx-rate, HTTPCode_ELB_5XX_Count, GreaterThanThreshold, 5, 2, notBreaching",
        "prod, target-p99, TargetResponseTime, GreaterThanThreshold, 2, 2, notBreaching",
        "prod, unhealthy-targets, UnHealthyHostCount, GreaterThanThreshold, 0, 5, notBreaching",
        "prod, service-cpu, CPUUtilization, GreaterThanThreshold, 85, 3, missing",
        "prod, service-memory, MemoryUtilization, GreaterThanThreshold, 85, 3, missing",
        "prod, db-cpu, CPUUtilization, GreaterThanThreshold, 80, 3, missing",
        "prod, db-free-storage, FreeStorageSpace, LessThanThreshold, 2147483648, 1, missing",
        "prod, db-freeable-memory, FreeableMemory, LessThanThreshold, 104857600, 3, missing",
        "prod, db-connections, DatabaseConnections, GreaterThanThreshold, 80, 3, missing",
        "prod, log-delivery, DeliveryToS3.Success, LessThanThreshold, 1, 3, notBreaching",
        "qa, report-failed, ReportRunFailures, GreaterThanThreshold, 0, 1, notBreaching",
        "prod, report-failed, ReportRunFailures, GreaterThanThreshold, 0, 1, notBreaching"
    })
    void alarm(
            String env, String name, String metric, String comparison, double threshold, int periods, String missing) {
        var alarms = application(env)
                .findResources(
                        "AWS::CloudWatch::Alarm",
                        Match.objectLike(Map.of(
                                "Properties",
                                Match.objectLike(Map.of(
                                        "AlarmName", "myamazingapp-" + env + "-" + name,
                                        "ComparisonOperator", comparison,
                                        "Threshold", threshold,
                                        "EvaluationPeriods", periods,
                                        "DatapointsToAlarm", periods,
                                        "TreatMissingData", missing,
                                        "AlarmActions", List.of(topic(env)),
                                        "OKActions", List.of(topic(env)))))));
        assertThat(alarms).hasSize(1);
        assertThat(alarms.values().iterator().next().toString())
                .contains("MetricName=" + metric)
                .contains("docs/operations.md#" + name);
    }

    @ParameterizedTest(
            name =
                    "{0}: alarm tasks-below-minimum: ECS's free CPUUtilization sample count per minute (the running tasks) below {1} for 15 minutes; no data is no task, breaching unless the image is still 'bootstrap'")
    @CsvSource({"qa, 1", "prod, 2"})
    void tasksBelowMinimum(String env, int minimum) {
        var alarms = application(env)
                .findResources(
                        "AWS::CloudWatch::Alarm",
                        Match.objectLike(Map.of(
                                "Properties",
                                Match.objectLike(Map.ofEntries(
                                        Map.entry("AlarmName", "myamazingapp-" + env + "-tasks-below-minimum"),
                                        Map.entry("Namespace", "AWS/ECS"),
                                        Map.entry("MetricName", "CPUUtilization"),
                                        Map.entry("Statistic", "SampleCount"),
                                        Map.entry("Period", 60),
                                        Map.entry("ComparisonOperator", "LessThanThreshold"),
                                        Map.entry("Threshold", minimum),
                                        Map.entry("EvaluationPeriods", 15),
                                        Map.entry("DatapointsToAlarm", 15),
                                        Map.entry("AlarmActions", List.of(topic(env))),
                                        Map.entry("OKActions", List.of(topic(env))))))));
        assertThat(alarms).hasSize(1);
        var properties = (Map<?, ?>) ((Map<?, ?>) alarms.values().iterator().next()).get("Properties");
        var bootstrap = resolve(env, stack(env).service().imageIsBootstrap().getLogicalId());
        assertThat(properties.get("TreatMissingData"))
                .isEqualTo(Map.of("Fn::If", List.of(bootstrap, "notBreaching", "breaching")));
        assertThat(properties.get("Dimensions").toString())
                .contains("ClusterName", "ServiceName")
                .doesNotContain("ContainerInsights");
    }

    @ParameterizedTest(name = "{0}: no alarm and no dashboard widget reads Container Insights, which is off by default")
    @ValueSource(strings = {"qa", "prod"})
    void nothingReadsContainerInsights(String env) {
        var t = application(env);
        assertThat(t.findResources("AWS::CloudWatch::Alarm").toString()).doesNotContain("ContainerInsights");
        assertThat(t.findResources("AWS::CloudWatch::Dashboard").toString()).doesNotContain("ContainerInsights");
    }

    @ParameterizedTest(
            name =
                    "{0}: the error rates are 100 x 5xx / requests, 0 below 20 requests per 5 minutes, so a quiet environment never alarms")
    @ValueSource(strings = {"qa", "prod"})
    void errorRatesIgnoreAQuietEnvironment(String env) {
        for (var name : List.of("target-5xx-rate", "elb-5xx-rate")) {
            var alarm = application(env)
                    .findResources(
                            "AWS::CloudWatch::Alarm",
                            Match.objectLike(Map.of(
                                    "Properties",
                                    Match.objectLike(Map.of("AlarmName", "myamazingapp-" + env + "-" + name)))));
            assertThat(alarm.values().iterator().next().toString())
                    .contains("Expression=IF(requests >= 20, 100 * FILL(errors, 0) / requests, 0)")
                    .contains("MetricName=RequestCount");
        }
    }

    @ParameterizedTest(
            name = "{0}: a failed report run is counted from the report job's ERROR lines by a metric filter")
    @ValueSource(strings = {"qa", "prod"})
    void reportFailuresFromTheLogs(String env) {
        application(env)
                .hasResourceProperties(
                        "AWS::Logs::MetricFilter",
                        Map.of(
                                "LogGroupName",
                                resolve(env, stack(env).service().logGroup().getLogGroupName()),
                                "FilterPattern",
                                "{ ($.log.logger = \"com.example.myamazingapp.reports.ReportJob\")"
                                        + " && ($.log.level = \"ERROR\") }",
                                "MetricTransformations",
                                List.of(Map.of(
                                        "MetricName", "ReportRunFailures",
                                        "MetricNamespace", "myamazingapp/" + env,
                                        "MetricValue", "1"))));
    }

    @ParameterizedTest(
            name =
                    "{0}: the composite myamazingapp-{0}-unhealthy is in ALARM when any user-facing alarm is, and tells the ops topic")
    @ValueSource(strings = {"qa", "prod"})
    void composite(String env) {
        var composite = application(env)
                .findResources(
                        "AWS::CloudWatch::CompositeAlarm",
                        Match.objectLike(Map.of(
                                "Properties",
                                Match.objectLike(Map.of(
                                        "AlarmName", "myamazingapp-" + env + "-unhealthy",
                                        "AlarmActions", List.of(topic(env)),
                                        "OKActions", List.of(topic(env)))))));
        assertThat(composite).hasSize(1);
        var rule = composite.values().iterator().next().toString();
        for (var name :
                List.of("target-5xx-rate", "elb-5xx-rate", "target-p99", "unhealthy-targets", "tasks-below-minimum")) {
            assertThat(rule).contains("ALARM(\"", name.replace("-", ""), ") OR ");
        }
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}: every alarm, the composite included, has its section in the runbook")
    @ValueSource(strings = {"qa", "prod"})
    void everyAlarmHasARunbookSection(String env) throws IOException {
        var runbook = Files.readString(Path.of("../docs/operations.md"));
        var alarms = new java.util.ArrayList<>(
                application(env).findResources("AWS::CloudWatch::Alarm").values());
        alarms.addAll(application(env)
                .findResources("AWS::CloudWatch::CompositeAlarm")
                .values());
        assertThat(alarms).hasSizeGreaterThan(13);
        for (var alarm : alarms) {
            var name = ((Map<String, Object>) ((Map<String, Object>) alarm).get("Properties"))
                    .get("AlarmName")
                    .toString()
                    .replace("myamazingapp-" + env + "-", "");
            assertThat(runbook).as(name).contains("\n### " + name + "\n");
        }
    }
}
