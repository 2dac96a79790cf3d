package com.example.myamazingapp.infra.cost;

import com.example.myamazingapp.infra.InfraApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code scripts/cost-report}: the monthly cost of qa, prod and the pipeline from the synthesized templates in
 * infra/cdk.out (synthesized first when they are missing or older than the sources), the price file of the region and
 * the assumptions file. Options: {@code --json}, {@code --region <region>} (default us-east-1), {@code --runs <n>}
 * (pipeline runs a month; 0 is the idle pipeline).
 */
public final class CostReportCommand {

    private static final String STACK_PREFIX = "myamazingapp-";
    private static final String TEMPLATE_SUFFIX = ".template.json";

    private CostReportCommand() {}

    public static void main(String[] args) {
        var json = false;
        var region = "us-east-1";
        String runs = null;
        for (var i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--region" -> region = args[++i];
                case "--runs" -> runs = args[++i];
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i] + " (known: --json, --region <region>, --runs <n>)");
            }
        }
        var infra = InfraApp.infraDir();
        var cdkOut = infra.resolve("cdk.out");
        if (stale(infra, cdkOut)) {
            System.err.println("cost-report: synthesizing the templates first (infra/cdk.out is missing or older than"
                    + " the sources)");
            InfraApp.main(new String[0]);
        }
        var prices = Prices.load(Prices.file(infra.resolve("cost"), region));
        var assumptions = Assumptions.load(infra.resolve("cost/assumptions.json"));
        if (runs != null) {
            assumptions = assumptions.with("pipelineRunsPerMonth", new java.math.BigDecimal(runs));
        }
        var reports = reports(readTemplates(cdkOut), prices, assumptions);
        if (json) {
            System.out.println(json(reports).toPrettyString());
        } else {
            reports.forEach(report -> System.out.println(report.table()));
        }
    }

    /** One report per environment (its stacks together) and one for the pipeline, the pipeline last. */
    public static List<CostReport> reports(
            Map<String, JsonNode> templatesByStack, Prices prices, Assumptions assumptions) {
        var groups = new TreeMap<String, List<JsonNode>>(Comparator.comparing((String name) -> name.equals("pipeline"))
                .thenComparing(Comparator.reverseOrder()));
        templatesByStack.forEach((stack, template) -> groups.computeIfAbsent(reportName(stack), k -> new ArrayList<>())
                .add(template));
        var reports = new ArrayList<CostReport>();
        groups.forEach((name, templates) -> reports.add(CostEstimator.estimate(name, templates, prices, assumptions)));
        return reports;
    }

    /** myamazingapp-qa and myamazingapp-qa-registry are qa; myamazingapp-pipeline is the pipeline. */
    static String reportName(String stack) {
        var name = stack.startsWith(STACK_PREFIX) ? stack.substring(STACK_PREFIX.length()) : stack;
        return name.endsWith("-registry") ? name.substring(0, name.length() - "-registry".length()) : name;
    }

    public static ObjectNode json(List<CostReport> reports) {
        var json = new ObjectMapper().createObjectNode();
        var array = json.putArray("reports");
        reports.forEach(report -> array.add(report.json()));
        return json;
    }

    static Map<String, JsonNode> readTemplates(Path cdkOut) {
        var mapper = new ObjectMapper();
        var templates = new TreeMap<String, JsonNode>();
        try (var files = Files.list(cdkOut)) {
            for (var file : files.filter(f -> f.getFileName().toString().endsWith(TEMPLATE_SUFFIX))
                    .toList()) {
                var name = file.getFileName().toString();
                templates.put(
                        name.substring(0, name.length() - TEMPLATE_SUFFIX.length()), mapper.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the templates in " + cdkOut + ": " + e.getMessage(), e);
        }
        if (templates.isEmpty()) {
            throw new IllegalStateException("no templates in " + cdkOut);
        }
        return templates;
    }

    /** cdk.out has no manifest, or a source, cdk.json or buildspec changed after it was written. */
    private static boolean stale(Path infra, Path cdkOut) {
        var manifest = cdkOut.resolve("manifest.json");
        if (!Files.exists(manifest)) {
            return true;
        }
        try (Stream<Path> sources = Stream.of(infra.resolve("src/main"), infra.resolve("buildspecs"))
                .filter(Files::isDirectory)
                .flatMap(CostReportCommand::walk)) {
            var written = Files.getLastModifiedTime(manifest);
            var newest = Stream.concat(sources, Stream.of(infra.resolve("cdk.json")))
                    .filter(Files::isRegularFile)
                    .map(CostReportCommand::modified)
                    .max(Comparator.naturalOrder())
                    .orElse(FileTime.fromMillis(0));
            return newest.compareTo(written) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static Stream<Path> walk(Path folder) {
        try {
            return Files.walk(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
