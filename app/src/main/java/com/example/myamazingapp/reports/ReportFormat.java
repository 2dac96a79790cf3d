package com.example.myamazingapp.reports;

import com.example.myamazingapp.web.ByteSizes;
import java.util.Locale;

/** How figures read on the report page and in the charts: grouped counts and binary byte units. */
final class ReportFormat {

    private ReportFormat() {}

    static String count(long value) {
        return String.format(Locale.ENGLISH, "%,d", value);
    }

    static String bytes(long value) {
        return ByteSizes.readable(value);
    }
}
