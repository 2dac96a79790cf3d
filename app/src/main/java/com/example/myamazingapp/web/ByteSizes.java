package com.example.myamazingapp.web;

import java.util.Locale;

/** How a number of bytes reads everywhere (the files list, the statistics, the reports): binary units, 3 digits. */
public final class ByteSizes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private ByteSizes() {}

    public static String readable(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        double scaled = bytes / Math.pow(1024, unit);
        return String.format(Locale.ENGLISH, scaled < 10 ? "%.1f %s" : "%.0f %s", scaled, UNITS[unit]);
    }
}
