package com.example.myamazingapp.infra.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The resources of the templates of one report, with the few CloudFormation reading helpers the report needs. */
record Resources(List<Resource> all) {

    /** One resource: its logical id, its properties and the template it is in (for Ref look-ups). */
    record Resource(String id, String type, JsonNode properties, JsonNode template) {

        JsonNode get(String property) {
            return properties.path(property);
        }

        /** The resource a {"Ref": id} or {"Fn::GetAtt": [id, …]} property points at, in the same template. */
        Optional<Resource> referenced(String property) {
            var value = get(property);
            var id = value.has("Ref")
                    ? value.path("Ref").asText()
                    : value.path("Fn::GetAtt").path(0).asText(null);
            var node = id == null ? null : template.path("Resources").get(id);
            return node == null
                    ? Optional.empty()
                    : Optional.of(new Resource(id, node.path("Type").asText(), node.path("Properties"), template));
        }
    }

    static Resources of(List<JsonNode> templates) {
        var all = new ArrayList<Resource>();
        for (var template : templates) {
            template.path("Resources")
                    .properties()
                    .forEach(e -> all.add(new Resource(
                            e.getKey(),
                            e.getValue().path("Type").asText(),
                            e.getValue().path("Properties"),
                            template)));
        }
        return new Resources(List.copyOf(all));
    }

    List<Resource> ofType(String type) {
        return all.stream().filter(r -> r.type().equals(type)).toList();
    }

    int count(String type) {
        return ofType(type).size();
    }

    /**
     * A number as the template states it: a literal, a numeric string, or the larger branch of an Fn::If (the service's
     * count is {"Fn::If": [bootstrap, 0, n]}: n is what runs once an image is released).
     */
    static Optional<BigDecimal> number(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(value.decimalValue());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(new BigDecimal(value.asText().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (value.has("Fn::If")) {
            var branches = value.path("Fn::If");
            var a = number(branches.path(1));
            var b = number(branches.path(2));
            if (a.isPresent() && b.isPresent()) {
                return Optional.of(a.get().max(b.get()));
            }
            return a.isPresent() ? a : b;
        }
        return Optional.empty();
    }

    static boolean isTrue(JsonNode value) {
        return value.asBoolean(false) || "true".equalsIgnoreCase(value.asText());
    }
}
