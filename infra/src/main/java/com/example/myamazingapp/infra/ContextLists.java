package com.example.myamazingapp.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Lists in the CDK context: a JSON array in cdk.json, or one comma-separated string when given on the command line
 * ({@code -c key=a@x.com,b@x.com}), since {@code -c} cannot carry an array.
 */
public final class ContextLists {

    /** Loose on purpose: catches a name or a typo where an address belongs, without judging real addresses. */
    public static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");

    private ContextLists() {}

    /**
     * The items of a context value: an array's items stripped (null items stay null, for the caller to refuse), or a
     * string's comma-separated parts stripped with blank parts dropped. Null when the value is neither.
     */
    public static List<String> items(Object value) {
        if (value instanceof List<?> array) {
            var items = new ArrayList<String>();
            for (var item : array) {
                items.add(item == null ? null : item.toString().strip());
            }
            return items;
        }
        if (value instanceof String text) {
            var items = new ArrayList<String>();
            for (var part : text.split(",")) {
                if (!part.isBlank()) {
                    items.add(part.strip());
                }
            }
            return items;
        }
        return null;
    }
}
