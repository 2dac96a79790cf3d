package com.example.myamazingapp.infra.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.infra.EnvironmentConfig;
import com.example.myamazingapp.infra.EnvironmentStacks;
import com.example.myamazingapp.infra.InfraApp;
import com.example.myamazingapp.infra.pipeline.PipelineStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/** The cost report of the real templates (qa, prod and the pipeline as infra/cdk.json configures them). */
class TemplatesCostTest {

    private static final BigDecimal HOURS = BigDecimal.valueOf(730);

    private static Map<String, JsonNode> templates;
    private static final Map<String, EnvironmentConfig> CONFIGS = new HashMap<>();
    private static Prices prices;
    private static Assumptions assumptions;

    @BeforeAll
    static void synthesize() throws Exception {
        Files.createDirectories(Path.of("target"));
        var app = InfraApp.newApp(Map.of(), Files.createTempDirectory(Path.of("target"), "cdk.out-"));
        var stacks = new java.util.ArrayList<Stack>();
        var targets = new HashMap<String, EnvironmentStacks>();
        for (var name : List.of("qa", "prod")) {
            var config = EnvironmentConfig.fromContext(app.getNode(), name);
            CONFIGS.put(name, config);
            var environment = EnvironmentStacks.create(app, config);
            targets.put(name, environment);
            stacks.add(environment.application());
            stacks.add(environment.registry());
        }
        stacks.add(PipelineStack.create(
                app, targets.get("qa").deployTarget(), targets.get("prod").deployTarget()));
        var mapper = new ObjectMapper();
        templates = new TreeMap<>();
        for (var stack : stacks) {
            templates.put(
                    stack.getStackName(),
                    mapper.valueToTree(Template.fromStack(stack).toJSON()));
        }
        prices = Prices.load(Prices.file(Path.of("cost"), "us-east-1"));
        assumptions = Assumptions.load(Path.of("cost/assumptions.json"));
    }

    private static Map<String, CostReport> reports(Assumptions with) {
        var byName = new HashMap<String, CostReport>();
        CostReportCommand.reports(templates, prices, with).forEach(r -> byName.put(r.name(), r));
        return byName;
    }

    private static BigDecimal quantity(CostReport report, String itemStart) {
        return report.lines().stream()
                .filter(line -> line.item().startsWith(itemStart))
                .map(CostLine::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void oneReportPerEnvironmentAndOneForThePipeline() {
        assertThat(CostReportCommand.reports(templates, prices, assumptions))
                .extracting(CostReport::name)
                .containsExactly("qa", "prod", "pipeline");
    }

    @Test
    void theEnvironmentReportsPriceWhatTheTemplatesDeclare() {
        var reports = reports(assumptions);
        for (var name : List.of("qa", "prod")) {
            var config = CONFIGS.get(name);
            var report = reports.get(name);
            assertThat(quantity(report, "NAT gateway hours").add(quantity(report, "NAT instance hours")))
                    .as(name + " NAT gateway hours")
                    .isEqualByComparingTo(
                            HOURS.multiply(BigDecimal.valueOf(config.network().natGateways())));
            assertThat(report.lines())
                    .as(name + " database")
                    .anyMatch(line -> line.item()
                            .startsWith("RDS db." + config.database().instanceClass()
                                    + (config.database().multiAz() ? " Multi-AZ" : " single-AZ")));
            var vcpus = BigDecimal.valueOf(
                            config.service().desiredCount() * config.service().cpu())
                    .divide(BigDecimal.valueOf(1024))
                    .multiply(HOURS);
            assertThat(quantity(report, "Fargate vCPU hours"))
                    .as(name + " vCPU hours")
                    .isEqualByComparingTo(vcpus);
            assertThat(report.monthly("ALB hours (1)")).as(name + " ALB").isEqualByComparingTo("16.43");
            assertThat(report.lines())
                    .as(name + ": every public IPv4 address is billed, the ALB's nodes too")
                    .anyMatch(line -> line.item().startsWith("public IPv4 addresses")
                            && line.item().contains("ALB node"));
        }
    }

    /**
     * The guard of the build: each environment within its configured AWS Budgets amount (monthlyBudgetUsd, the report's
     * figure plus a margin) and the idle pipeline within 10 USD; a failure names the lines that grew since
     * infra/cost/baseline.json (regenerate it with scripts/cost-report --json once a growth is intended).
     */
    @Test
    void everyEnvironmentStaysWithinItsBudgetAndTheLinesThatGrewAreNamed() throws Exception {
        var baseline = new HashMap<String, JsonNode>();
        new ObjectMapper()
                .readTree(Path.of("cost/baseline.json").toFile())
                .path("reports")
                .forEach(report -> baseline.put(report.path("name").asText(), report));
        var reports = reports(assumptions);
        var over = new java.util.ArrayList<String>();
        for (var name : List.of("qa", "prod")) {
            var budget = BigDecimal.valueOf(CONFIGS.get(name).budget().monthlyBudgetUsd());
            var report = reports.get(name);
            if (report.total().compareTo(budget) > 0) {
                over.add(name + " costs " + report.total() + " USD a month, above its budget of " + budget
                        + " USD (monthlyBudgetUsd); grown since infra/cost/baseline.json: "
                        + report.linesGrownSince(baseline.get(name)));
            }
        }
        assertThat(over).isEmpty();
        assertThat(baseline).as("the baseline has a report per environment").containsKeys("qa", "prod", "pipeline");
    }

    @Test
    void theIdlePipelineCostsAtMostTenDollarsAMonth() {
        var idle = reports(assumptions.with("pipelineRunsPerMonth", BigDecimal.ZERO))
                .get("pipeline");

        assertThat(idle.total()).as(idle.table()).isLessThanOrEqualTo(new BigDecimal("10.00"));
        assertThat(quantity(idle, "CodeBuild"))
                .as("no build minutes without a push")
                .isZero();
    }

    @Test
    void pipelineRunsAddBuildMinutes() {
        var reports = reports(assumptions.with("pipelineRunsPerMonth", BigDecimal.TEN));

        assertThat(quantity(reports.get("pipeline"), "CodeBuild")).isPositive();
        assertThat(reports.get("pipeline").total())
                .isGreaterThan(reports.get("pipeline").idle());
    }
}
