package com.example.myamazingapp.infra.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The usage the templates cannot know (requests, GB stored and transferred, log volume, build minutes), read from
 * {@code infra/cost/assumptions.json}: each value has a default and may be set per report (qa, prod, pipeline).
 */
public record Assumptions(Map<String, JsonNode> values, Map<String, BigDecimal> overrides) {

    public static Assumptions load(Path file) {
        try {
            var json = new ObjectMapper().readTree(file.toFile());
            var values = new HashMap<String, JsonNode>();
            json.path("assumptions").properties().forEach(e -> values.put(e.getKey(), e.getValue()));
            return new Assumptions(Map.copyOf(values), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the assumptions file " + file + ": " + e.getMessage(), e);
        }
    }

    /** These assumptions with {@code key} set to {@code value} for every report, e.g. no pipeline run (idle). */
    public Assumptions with(String key, BigDecimal value) {
        var changed = new HashMap<>(overrides);
        changed.put(key, value);
        return new Assumptions(values, Map.copyOf(changed));
    }

    public BigDecimal of(String report, String key) {
        if (overrides.containsKey(key)) {
            return overrides.get(key);
        }
        var assumption = values.get(key);
        if (assumption == null) {
            throw new IllegalArgumentException("the assumptions file has no '" + key + "': add it with its meaning");
        }
        var value = assumption.has(report) ? assumption.get(report) : assumption.path("default");
        if (!value.isNumber()) {
            throw new IllegalArgumentException("assumption '" + key + "' has no number for " + report);
        }
        return value.decimalValue();
    }

    /** {@code key}, or {@code fallback} when the file does not name {@code key}. */
    public BigDecimal ofOr(String report, String key, String fallback) {
        return values.containsKey(key) || overrides.containsKey(key) ? of(report, key) : of(report, fallback);
    }
}
