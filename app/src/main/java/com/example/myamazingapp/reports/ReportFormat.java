package com.example.myamazingapp.reports;

import java.util.Locale;

/** How figures read on the report page and in the charts: grouped counts and binary byte units. */
final class ReportFormat {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private ReportFormat() {}

    static String count(long value) {
        return String.format(Locale.ENGLISH, "%,d", value);
    }

    static String bytes(long value) {
        if (value < 1024) {
            return value + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(value)) / 10;
        double scaled = value / Math.pow(1024, unit);
        return String.format(Locale.ENGLISH, scaled < 10 ? "%.1f %s" : "%.0f %s", scaled, UNITS[unit]);
    }
}
