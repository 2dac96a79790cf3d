package com.example.myamazingapp.infra.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/** The monthly cost of one environment (or of the pipeline): its lines and their total. */
public record CostReport(String name, String region, String pricesRead, List<CostLine> lines) {

    public BigDecimal total() {
        return lines.stream().map(CostLine::monthly).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** What the resources cost without any usage: the lines that do not depend on the assumptions. */
    public BigDecimal idle() {
        return lines.stream()
                .filter(line -> !line.usage())
                .map(CostLine::monthly)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** The line named {@code item}'s monthly figure, or zero when the report has no such line. */
    public BigDecimal monthly(String item) {
        return lines.stream()
                .filter(line -> line.item().equals(item))
                .map(CostLine::monthly)
                .findFirst()
                .orElse(BigDecimal.ZERO.setScale(2));
    }

    /**
     * The lines that cost more than in {@code baseline} (this report's JSON as committed earlier), or that it did not
     * have, largest growth first: what to look at when the report goes over a budget.
     */
    public List<String> linesGrownSince(JsonNode baseline) {
        var before = new HashMap<String, BigDecimal>();
        baseline.path("lines")
                .forEach(line -> before.put(
                        line.path("item").asText(), line.path("monthly").decimalValue()));
        return lines.stream()
                .filter(line -> line.monthly().compareTo(before.getOrDefault(line.item(), BigDecimal.ZERO)) > 0)
                .sorted(Comparator.comparing((CostLine line) ->
                                line.monthly().subtract(before.getOrDefault(line.item(), BigDecimal.ZERO)))
                        .reversed())
                .map(line -> {
                    var was = before.get(line.item());
                    return line.item() + ": " + (was == null ? "new" : was.toPlainString()) + " -> "
                            + line.monthly().toPlainString();
                })
                .toList();
    }

    public String table() {
        var out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT, "%s: monthly cost in USD (%s list prices read %s)%n", name, region, pricesRead));
        var row = "%-72s %10s  %-36s %10s %9s  %s";
        out.append(String.format(Locale.ROOT, row, "item", "quantity", "unit", "unit price", "monthly", "usage"))
                .append(System.lineSeparator());
        for (var line : lines) {
            out.append(String.format(
                                    Locale.ROOT,
                                    row,
                                    line.item(),
                                    plain(line.quantity(), 2),
                                    line.unit(),
                                    plain(line.unitPrice(), 6),
                                    line.monthly().toPlainString(),
                                    line.usage() ? "yes" : "")
                            .stripTrailing())
                    .append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT, "%-132s %9s%n", "total", total().toPlainString()));
        out.append(
                String.format(Locale.ROOT, "%-132s %9s%n", "of which without usage (lines not marked usage)", idle()));
        return out.toString();
    }

    public ObjectNode json() {
        var mapper = new ObjectMapper();
        var json = mapper.createObjectNode();
        json.put("name", name);
        json.put("region", region);
        json.put("pricesRead", pricesRead);
        json.put("currency", "USD");
        var array = json.putArray("lines");
        for (var line : lines) {
            var item = array.addObject();
            item.put("item", line.item());
            item.put("quantity", line.quantity().stripTrailingZeros());
            item.put("unit", line.unit());
            item.put("unitPrice", line.unitPrice().stripTrailingZeros());
            item.put("monthly", line.monthly());
            item.put("usage", line.usage());
        }
        json.put("total", total());
        json.put("withoutUsage", idle());
        return json;
    }

    private static String plain(BigDecimal value, int maxScale) {
        var scaled = value.scale() > maxScale ? value.setScale(maxScale, RoundingMode.HALF_UP) : value;
        return scaled.stripTrailingZeros().toPlainString();
    }
}
