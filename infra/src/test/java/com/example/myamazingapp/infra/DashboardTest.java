package com.example.myamazingapp.infra;

import static com.example.myamazingapp.infra.Synthesized.application;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;

/** One page per environment answers "is it healthy, and since when not". */
class DashboardTest {

    @ParameterizedTest(
            name =
                    "{0}: dashboard myamazingapp-{0} shows the alarms, then requests, errors, p50/p99 latency and saturation of the ALB, the service, the database and the uploads")
    @ValueSource(strings = {"qa", "prod"})
    void goldenSignals(String env) {
        var dashboards = application(env)
                .findResources(
                        "AWS::CloudWatch::Dashboard",
                        Match.objectLike(Map.of(
                                "Properties", Match.objectLike(Map.of("DashboardName", "myamazingapp-" + env)))));
        assertThat(dashboards).hasSize(1);
        var body = dashboards.values().iterator().next().toString();
        assertThat(body)
                .contains("\"type\":\"alarm\"")
                .contains("RequestCount", "HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count")
                .contains("TargetResponseTime", "\"stat\":\"p50\"", "\"stat\":\"p99\"")
                .contains("CPUUtilization", "MemoryUtilization", "HealthyHostCount")
                .contains("\"stat\":\"SampleCount\"", "running tasks", "autoscaling minimum")
                .contains("DatabaseConnections", "FreeStorageSpace", "FreeableMemory", "ReadLatency")
                .contains("Uploads", "BucketSizeBytes");
    }
}
