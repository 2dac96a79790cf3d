package com.example.myamazingapp.infra.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The list prices of one region, read from {@code infra/cost/prices-<region>.json} (each with its unit, its source and
 * whether it was confirmed on the date read), so they can be refreshed without touching code.
 */
public record Prices(String region, String read, BigDecimal hoursPerMonth, Map<String, BigDecimal> usd) {

    public static Prices load(Path file) {
        try {
            var json = new ObjectMapper().readTree(file.toFile());
            var usd = new LinkedHashMap<String, BigDecimal>();
            json.path("prices")
                    .properties()
                    .forEach(e -> usd.put(e.getKey(), e.getValue().path("usd").decimalValue()));
            return new Prices(
                    json.path("region").asText(),
                    json.path("read").asText(),
                    json.path("hoursPerMonth").decimalValue(),
                    Map.copyOf(usd));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the price file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The price file of {@code region} in {@code folder}: prices-us-east-1.json for us-east-1. */
    public static Path file(Path folder, String region) {
        return folder.resolve("prices-" + region + ".json");
    }

    public BigDecimal of(String key) {
        var price = usd.get(key);
        if (price == null) {
            throw new IllegalArgumentException("the price file of " + region + " has no price '" + key
                    + "': add it with its unit and source (the templates use it)");
        }
        return price;
    }
}
