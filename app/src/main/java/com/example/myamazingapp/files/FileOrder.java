package com.example.myamazingapp.files;

import java.util.Arrays;
import java.util.Locale;

/**
 * The orders the files list offers, each served by an index on (owner_id, ...) that PostgreSQL reads forwards or
 * backwards (V2, V11), so a page of a user's 10,000 files is read in index order, not sorted.
 */
public enum FileOrder {
    NEWEST("created_at DESC, id"),
    OLDEST("created_at, id DESC"),
    NAME("lower(original_name), id"),
    NAME_DESC("lower(original_name) DESC, id DESC"),
    LARGEST("size_bytes DESC, id DESC"),
    SMALLEST("size_bytes, id");

    final String orderBy;

    FileOrder(String orderBy) {
        this.orderBy = orderBy;
    }

    /** The query parameter's value, e.g. "name-desc". */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** An unknown value reads as the default (newest first): a sort order is not worth an error page. */
    public static FileOrder of(String parameter) {
        return Arrays.stream(values())
                .filter(order -> order.parameter().equals(parameter))
                .findFirst()
                .orElse(NEWEST);
    }
}
