package com.example.myamazingapp.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.constructs.Node;

/**
 * One section of the CDK context: a JSON object in infra/cdk.json (e.g. {@code environments.qa}, {@code pipeline}), any
 * key of which can be overridden on the command line with {@code -c <section>.<key>=<value>}. Values given with
 * {@code -c} are strings, so a list is then one comma-separated string. Shared by {@link EnvironmentConfig} and the
 * pipeline's settings so that both read cdk.json the same way.
 */
public final class ContextReader {

    /** Loose on purpose: catches a name or a typo where an address belongs, without judging real addresses. */
    public static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");

    /** How the owner of the section words an invalid value. */
    @FunctionalInterface
    public interface Invalid {
        IllegalArgumentException of(String key, Object value, String problem);
    }

    private final Node node;
    private final String section;
    private final Map<?, ?> values;
    private final Invalid invalid;
    private final List<String> missing = new ArrayList<>();

    /** @throws IllegalArgumentException when the section is in the context but is not a JSON object */
    public ContextReader(Node node, String section, Invalid invalid) {
        this.node = node;
        this.section = section;
        this.invalid = invalid;
        this.values = object(node, section);
    }

    private static Map<?, ?> object(Node node, String section) {
        var path = section.split("\\.");
        Object value = node.tryGetContext(path[0]);
        for (int i = 1; i < path.length && value instanceof Map<?, ?> map; i++) {
            value = map.get(path[i]);
        }
        if (value != null && !(value instanceof Map)) {
            throw new IllegalArgumentException("cdk.json context '" + section + "' must be an object, got: " + value);
        }
        return value == null ? Map.of() : (Map<?, ?>) value;
    }

    /** The value of {@code key}: the {@code -c section.key} override first, then the section's JSON object. */
    public Object raw(String key) {
        var override = node.tryGetContext(section + "." + key);
        return override != null ? override : values.get(key);
    }

    /** A string (a number is taken as written), stripped; null when absent or blank. */
    public String text(String key) {
        var value = raw(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String) && !(value instanceof Number)) {
            throw invalid.of(key, value, "must be a string");
        }
        var text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    /** A whole number, or null when absent. */
    public Integer whole(String key) {
        var value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException e) {
            throw invalid.of(key, value, "must be a whole number");
        }
    }

    /** true or false (JSON or the strings), or null when absent. */
    public Boolean bool(String key) {
        var value = raw(key);
        if (value == null) {
            return null;
        }
        return switch (value.toString().strip().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid.of(key, value, "must be true or false");
        };
    }

    /**
     * A JSON array's items stripped (null items stay null, for the caller to refuse), or a comma-separated string's
     * parts stripped with blank parts dropped; null when absent.
     */
    public List<String> list(String key) {
        var value = raw(key);
        if (value == null) {
            return null;
        }
        var items = new ArrayList<String>();
        if (value instanceof List<?> array) {
            for (var item : array) {
                items.add(item == null ? null : item.toString().strip());
            }
        } else if (value instanceof String text) {
            for (var part : text.split(",")) {
                if (!part.isBlank()) {
                    items.add(part.strip());
                }
            }
        } else {
            throw invalid.of(key, value, "must be a list");
        }
        return items;
    }

    /** {@link #text}, noting the key as missing when absent (see {@link #requireNoneMissing()}). */
    public String requiredText(String key) {
        return noteIfMissing(key, text(key));
    }

    /** {@link #whole}, noting the key as missing when absent; 0 then. */
    public int requiredWhole(String key) {
        var value = noteIfMissing(key, whole(key));
        return value == null ? 0 : value;
    }

    /** {@link #bool}, noting the key as missing when absent; false then. */
    public boolean requiredBool(String key) {
        return Boolean.TRUE.equals(noteIfMissing(key, bool(key)));
    }

    private <T> T noteIfMissing(String key, T value) {
        if (value == null) {
            missing.add(key);
        }
        return value;
    }

    /** Throws one error naming every required key that was absent, so that one run shows them all. */
    public void requireNoneMissing() {
        if (!missing.isEmpty()) {
            throw invalid.of(
                    String.join(", ", missing),
                    null,
                    (missing.size() == 1 ? "is" : "are")
                            + " missing: infra/cdk.json sets every key of every environment");
        }
    }
}
