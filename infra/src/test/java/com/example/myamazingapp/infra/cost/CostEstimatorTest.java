package com.example.myamazingapp.infra.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small template whose monthly cost was computed by hand, with round prices and assumptions of its own (so a price
 * refresh does not change it): every line, the total and the part that does not depend on usage.
 */
class CostEstimatorTest {

    private static final Path FIXTURES = Path.of("src/test/resources/cost");

    private static CostReport fixture() throws Exception {
        JsonNode template = new ObjectMapper()
                .readTree(FIXTURES.resolve("fixture.template.json").toFile());
        return CostEstimator.estimate(
                "qa",
                List.of(template),
                Prices.load(Prices.file(FIXTURES, "fixture-1")),
                Assumptions.load(FIXTURES.resolve("assumptions-fixture.json")));
    }

    @Test
    void everyLineOfTheFixtureIsTheHandComputedFigure() throws Exception {
        var expected = new LinkedHashMap<String, String>();
        expected.put("NAT gateway hours (1)", "36.50"); // 730 h x 0.05
        expected.put("NAT gateway data processed", "0.50"); // 10 GB x 0.05
        expected.put("public IPv4 addresses (1 EIP, 2 ALB node)", "10.95"); // 3 x 730 h x 0.005
        expected.put("cross-AZ traffic to the one NAT (half of it from the other AZ)", "0.10"); // 10 GB x 0.01
        expected.put("cross-AZ traffic tasks <-> database (half the tasks in the other AZ)", "0.04"); // 4 GB x 0.01
        expected.put("data transfer out to the internet", "1.00"); // 10 GB x 0.1
        expected.put("ALB hours (1)", "14.60"); // 730 h x 0.02
        expected.put("ALB LCU hours", "7.30"); // 1 LCU x 730 h x 0.01
        // 2 tasks, base 1 on FARGATE, the rest (weight 1 of 1) on FARGATE_SPOT; 0.5 vCPU, 1 GB, ARM64
        expected.put("Fargate vCPU hours (arm64, on-demand, 1 tasks x 0.5 vCPU)", "14.60"); // 365 x 0.04
        expected.put("Fargate GB hours (arm64, on-demand, 1 tasks x 1 GB)", "2.92"); // 730 x 0.004
        expected.put("Fargate vCPU hours (arm64, Spot, 1 tasks x 0.5 vCPU)", "3.65"); // 365 x 0.01
        expected.put("Fargate GB hours (arm64, Spot, 1 tasks x 1 GB)", "0.73"); // 730 x 0.001
        expected.put("RDS db.t4g.micro Multi-AZ (primary + standby) instance hours", "29.20"); // 2 x 730 x 0.02
        expected.put("RDS gp3 storage (20 GB x 2)", "4.00"); // 40 GB x 0.1
        // 30 GB + 7 days x 1 GB changed = 37 GB of backups, 20 GB free
        expected.put("RDS backup storage beyond the free 20 GB (7 days kept)", "1.70"); // 17 x 0.1
        expected.put("CloudWatch Logs ingestion (1 log groups)", "1.00"); // 2 GB x 0.5
        expected.put(
                "CloudWatch Logs storage (each group's retention, compressed)", "0.01"); // 2 x 1 month x 0.15 x 0.03
        expected.put("CloudWatch alarms (1 alarms, standard resolution)", "0.10");
        expected.put("CloudWatch dashboards", "3.00");
        expected.put("KMS customer managed keys", "1.00");
        expected.put("KMS requests", "0.03"); // 10,000 requests x 0.03 per 10,000
        expected.put("Secrets Manager secrets", "0.40");
        expected.put("Secrets Manager API calls", "0.05");
        expected.put("WAF web ACLs", "5.00");
        expected.put("WAF rules and rule groups (3)", "3.00");
        expected.put("WAF requests inspected", "0.60"); // 1 million x 0.6
        expected.put("AWS Budgets budgets (1, alerts only)", "0.00");

        var report = fixture();

        var actual = new LinkedHashMap<String, String>();
        report.lines().forEach(line -> actual.put(line.item(), line.monthly().toPlainString()));
        assertThat(actual).containsExactlyEntriesOf(expected);
        assertThat(report.total()).isEqualByComparingTo("141.98");
        assertThat(report.idle()).as("without the usage lines").isEqualByComparingTo("129.65");
    }

    @Test
    void theTableAndTheJsonCarryTheSameFigures() throws Exception {
        var report = fixture();

        assertThat(report.table())
                .contains("qa: monthly cost in USD (fixture-1 list prices read 2026-12-02)")
                .containsPattern("RDS db.t4g.micro Multi-AZ \\(primary \\+ standby\\) instance hours +1460 .* 29.20")
                .containsPattern("total +141.98");
        var json = report.json();
        assertThat(json.path("total").decimalValue()).isEqualByComparingTo("141.98");
        assertThat(json.path("lines")).hasSize(report.lines().size());
        assertThat(json.path("lines").get(0).path("monthly").decimalValue()).isEqualByComparingTo("36.50");
    }

    @Test
    void theLinesThatGrewSinceABaselineAreNamedLargestFirst() throws Exception {
        var report = fixture();
        var baseline = report.json();
        var lines = (com.fasterxml.jackson.databind.node.ArrayNode) baseline.path("lines");
        ((com.fasterxml.jackson.databind.node.ObjectNode) lines.get(0)).put("monthly", new BigDecimal("30.00"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) lines.get(6)).put("monthly", new BigDecimal("14.00"));
        lines.remove(lines.size() - 2);

        assertThat(report.linesGrownSince(baseline))
                .containsExactly(
                        "NAT gateway hours (1): 30.00 -> 36.50",
                        "ALB hours (1): 14.00 -> 14.60",
                        "WAF requests inspected: new -> 0.60");
        assertThat(report.linesGrownSince(report.json())).isEmpty();
    }

    /**
     * What a template pays for beside its main resources: AWS Backup of what the selection names (a database's
     * snapshots, a bucket's copies), the master secret RDS keeps itself, a Lambda function, WAF's log records.
     */
    @Test
    void backupsSecretsFunctionsAndWafLogsArePricedFromWhatTheTemplateSelects() throws Exception {
        JsonNode template = new ObjectMapper().readTree("""
                {"Resources": {
                  "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "postgres",
                    "DBInstanceClass": "db.t4g.micro", "AllocatedStorage": "20", "StorageType": "gp3",
                    "BackupRetentionPeriod": 1, "ManageMasterUserPassword": true}},
                  "DataBucket": {"Type": "AWS::S3::Bucket", "Properties": {}},
                  "Plan": {"Type": "AWS::Backup::BackupPlan", "Properties": {"BackupPlan": {"BackupPlanRule": [
                    {"RuleName": "daily", "Lifecycle": {"DeleteAfterDays": 10}}]}}},
                  "Selection": {"Type": "AWS::Backup::BackupSelection", "Properties": {"BackupSelection": {
                    "Resources": [{"Fn::GetAtt": ["DataBucket", "Arn"]}, {"Ref": "Db"}]}}},
                  "Hook": {"Type": "AWS::Lambda::Function", "Properties": {"MemorySize": 256}},
                  "WafLogs": {"Type": "AWS::KinesisFirehose::DeliveryStream",
                    "Properties": {"DeliveryStreamName": "aws-waf-logs-fixture"}}}}
                """);
        var report = CostEstimator.estimate(
                "qa",
                List.of(template),
                Prices.load(Prices.file(FIXTURES, "fixture-1")),
                Assumptions.load(FIXTURES.resolve("assumptions-fixture.json")));

        var actual = new LinkedHashMap<String, String>();
        report.lines().forEach(line -> actual.put(line.item(), line.monthly().toPlainString()));
        assertThat(actual)
                .containsEntry("Secrets Manager secrets (1 of them RDS's master secret)", "0.40")
                // 1 million requests, each record billed as 5 KB: 5 GB x 0.03
                .containsEntry("Firehose ingestion (WAF logs, one record per request)", "0.15")
                .doesNotContainKey("Firehose ingestion (application logs to S3)")
                // 1,000 invocations x 0.1 per 1,000; 0.25 GB x 1,000 x 100 s = 25,000 GB-s x 0.00002
                .containsEntry("Lambda requests (1 functions)", "0.10")
                .containsEntry("Lambda compute (x86_64)", "0.50")
                // 30 GB, then 9 days x 1 GB changed: 39 GB x 0.1
                .containsEntry("AWS Backup storage (daily snapshots kept 10 days)", "3.90")
                // the data bucket's 20 GB x 0.05
                .containsEntry("AWS Backup storage of S3 (1 buckets, kept 10 days)", "1.00");
    }

    @Test
    void aPriceTheTemplatesNeedButTheFileLacksIsNamed() throws Exception {
        JsonNode template = new ObjectMapper()
                .readTree("{\"Resources\":{\"Db\":{\"Type\":\"AWS::RDS::DBInstance\",\"Properties\":"
                        + "{\"Engine\":\"postgres\",\"DBInstanceClass\":\"db.r8g.large\"}}}}");
        var prices = Prices.load(Prices.file(FIXTURES, "fixture-1"));
        var assumptions = Assumptions.load(FIXTURES.resolve("assumptions-fixture.json"));

        assertThatThrownBy(() -> CostEstimator.estimate("qa", List.of(template), prices, assumptions))
                .hasMessageContaining("rds.postgres.db.r8g.large.hour");
    }

    @Test
    void anAssumptionCanBeOverriddenForEveryReport() {
        var assumptions =
                Assumptions.load(FIXTURES.resolve("assumptions-fixture.json")).with("natDataGB", BigDecimal.valueOf(3));

        assertThat(assumptions.of("prod", "natDataGB")).isEqualByComparingTo("3");
        assertThat(assumptions.of("prod", "internetOutGB")).isEqualByComparingTo("10");
    }
}
