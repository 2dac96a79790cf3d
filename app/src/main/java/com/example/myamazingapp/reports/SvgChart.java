package com.example.myamazingapp.reports;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Draws the report's charts as inline SVG on the server, so a published page needs no script, font or CDN and reads the
 * same in any browser, in an e-mail preview or offline. Colours and fonts are SVG presentation attributes, so a chart
 * also looks right when it is opened on its own.
 */
final class SvgChart {

    static final String BAR_COLOUR = "#2f6db5";
    private static final String AXIS_COLOUR = "#6b7280";
    private static final String GRID_COLOUR = "#e5e7eb";
    private static final String TEXT_COLOUR = "#374151";
    private static final int WIDTH = 640;
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private SvgChart() {}

    /** One column per day, a y axis with round ticks, and a date label at the start of each month. */
    static String daily(String title, List<LocalDate> days, List<Long> values, Scale scale) {
        if (days.size() != values.size()) {
            throw new IllegalArgumentException(
                    "days and values differ in length: " + days.size() + " / " + values.size());
        }
        int height = 220, left = 72, right = 12, top = 12, bottom = 28;
        double plotWidth = WIDTH - left - right, plotHeight = height - top - bottom;
        var axis = scale.axis(max(values));
        var svg = open(title, height);
        for (long tick : axis.ticks()) {
            double y = top + plotHeight - plotHeight * tick / axis.top();
            svg.append(line(left, y, WIDTH - right, y, GRID_COLOUR))
                    .append(text(left - 6, y + 4, "end", scale.format(tick)));
        }
        double slot = plotWidth / Math.max(1, days.size());
        double barWidth = Math.max(1, slot - (slot > 4 ? 1 : 0));
        for (int i = 0; i < days.size(); i++) {
            double x = left + i * slot;
            double barHeight = plotHeight * values.get(i) / axis.top();
            svg.append(
                    "<rect class=\"bar\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"><title>%s: %s</title></rect>"
                            .formatted(
                                    n(x),
                                    n(top + plotHeight - barHeight),
                                    n(barWidth),
                                    n(barHeight),
                                    BAR_COLOUR,
                                    escape(days.get(i).toString()),
                                    escape(scale.format(values.get(i)))));
            boolean monthStart = days.get(i).getDayOfMonth() == 1;
            // The first day is labelled too, unless a month's start follows too closely for two labels.
            boolean roomyFirst =
                    i == 0 && days.get(i).lengthOfMonth() - days.get(i).getDayOfMonth() >= 10;
            if (monthStart || roomyFirst) {
                svg.append(line(x, top + plotHeight, x, top + plotHeight + 4, AXIS_COLOUR))
                        .append(text(x, height - 8, "start", DAY_LABEL.format(days.get(i))));
            }
        }
        svg.append(line(left, top, left, top + plotHeight, AXIS_COLOUR))
                .append(line(left, top + plotHeight, WIDTH - right, top + plotHeight, AXIS_COLOUR));
        return svg.append("</svg>").toString();
    }

    /** One horizontal bar per category, its label on the left and its value at the end of the bar. */
    static String bars(String title, List<String> labels, List<Long> values, Scale scale) {
        if (labels.size() != values.size()) {
            throw new IllegalArgumentException(
                    "labels and values differ in length: " + labels.size() + " / " + values.size());
        }
        int row = 26, left = 200, right = 90, top = 8;
        int height = top * 2 + row * Math.max(1, labels.size());
        double plotWidth = WIDTH - left - right;
        long max = Math.max(1, max(values));
        var svg = open(title, height);
        for (int i = 0; i < labels.size(); i++) {
            double y = top + i * row;
            double barWidth = plotWidth * values.get(i) / max;
            svg.append(text(left - 8, y + row / 2.0 + 4, "end", shorten(labels.get(i), 28)))
                    .append(
                            "<rect class=\"bar\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"><title>%s: %s</title></rect>"
                                    .formatted(
                                            n(left),
                                            n(y + 4),
                                            n(barWidth),
                                            n(row - 8),
                                            BAR_COLOUR,
                                            escape(labels.get(i)),
                                            escape(scale.format(values.get(i)))))
                    .append(text(left + barWidth + 6, y + row / 2.0 + 4, "start", scale.format(values.get(i))));
        }
        svg.append(line(left, top, left, height - top, AXIS_COLOUR));
        return svg.append("</svg>").toString();
    }

    /** How a chart's values read: counts on a decimal axis, bytes on a binary one (0, 200 MiB, 400 MiB…). */
    enum Scale {
        COUNT,
        BYTES;

        String format(long value) {
            return this == COUNT ? ReportFormat.count(value) : ReportFormat.bytes(value);
        }

        Axis axis(long max) {
            if (this == COUNT) {
                return Axis.of(max);
            }
            // Round steps in the unit the largest value reads in: KiB, MiB, GiB...
            long unit = 1;
            while (max / unit >= 1024 * 4) {
                unit *= 1024;
            }
            long scaled = unit;
            var inUnits = Axis.of((max + unit - 1) / unit);
            return new Axis(
                    inUnits.top() * scaled,
                    inUnits.ticks().stream().map(t -> t * scaled).toList());
        }
    }

    /** The y axis: 0 up to a round top value in at most five round steps (1, 2 or 5 times a power of ten). */
    record Axis(long top, List<Long> ticks) {
        static Axis of(long max) {
            long step = 1;
            for (long power = 1; (max + step - 1) / step > 5; power *= 10) {
                for (long factor : new long[] {1, 2, 5}) {
                    step = factor * power;
                    if ((max + step - 1) / step <= 5) {
                        break;
                    }
                }
            }
            long top = Math.max(step, (max + step - 1) / step * step);
            var ticks = new java.util.ArrayList<Long>();
            for (long t = 0; t <= top; t += step) {
                ticks.add(t);
            }
            return new Axis(top, List.copyOf(ticks));
        }
    }

    private static StringBuilder open(String title, int height) {
        return new StringBuilder()
                .append(
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" font-size=\"11\">"
                                .formatted(WIDTH, height, escape(title)))
                .append("<title>")
                .append(escape(title))
                .append("</title>");
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"1\"/>"
                .formatted(n(x1), n(y1), n(x2), n(y2), colour);
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" fill=\"%s\">%s</text>"
                .formatted(n(x), n(y), anchor, TEXT_COLOUR, escape(content));
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static String shorten(String label, int max) {
        return label.length() <= max ? label : label.substring(0, max - 1) + "…";
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String raw) {
        var out = new StringBuilder(raw.length());
        for (char c : raw.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
