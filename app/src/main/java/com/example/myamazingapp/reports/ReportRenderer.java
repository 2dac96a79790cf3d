package com.example.myamazingapp.reports;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a {@link Report} into the files of one report folder: a self-contained HTML page with inline SVG charts, the
 * same data as JSON and as CSV, and the index page that lists every dated report. Links are absolute paths from the
 * distribution's root, so a page reads the same at /, /latest/ or /&lt;date&gt;/.
 */
@Component
class ReportRenderer {

    static final List<String> FILE_NAMES =
            List.of("report.json", "totals.csv", "daily.csv", "file-sizes.csv", "content-types.csv", "index.html");

    private final ITemplateEngine templates;
    private final JsonMapper json;

    ReportRenderer(ITemplateEngine templates, JsonMapper json) {
        this.templates = templates;
        this.json = json;
    }

    /**
     * The files of one report folder, the HTML page last: a folder whose index.html exists is complete. The same bytes
     * serve reports/&lt;date&gt;/ and reports/latest/: the page links its own dated files, which never change, so
     * latest/ is a plain copy that can be put back from the dated folder (see {@link ReportPublisher}).
     */
    List<ReportObject> render(Report report) {
        return List.of(
                new ReportObject(
                        "report.json",
                        ReportObject.JSON,
                        json.writerWithDefaultPrettyPrinter().writeValueAsBytes(report)),
                ReportObject.text("totals.csv", ReportObject.CSV, totalsCsv(report.totals())),
                ReportObject.text("daily.csv", ReportObject.CSV, dailyCsv(report.daily())),
                ReportObject.text("file-sizes.csv", ReportObject.CSV, countsCsv("size", report.fileSizes())),
                ReportObject.text(
                        "content-types.csv", ReportObject.CSV, countsCsv("content_type", report.contentTypes())),
                ReportObject.text("index.html", ReportObject.HTML, html(report)));
    }

    /** The page at the root of the reports bucket that links every dated report, newest first. */
    ReportObject index(List<LocalDate> dates) {
        var context = new Context();
        context.setVariable(
                "dates",
                dates.stream().sorted(java.util.Comparator.reverseOrder()).toList());
        return ReportObject.text(
                "index.html", ReportObject.HTML, templates.process("reports/published-index", context));
    }

    String html(Report report) {
        var context = new Context();
        context.setVariable("report", report);
        context.setVariable("folder", "/" + report.date() + "/");
        context.setVariable("users", ReportFormat.count(report.totals().users()));
        context.setVariable("files", ReportFormat.count(report.totals().files()));
        context.setVariable("bytes", ReportFormat.bytes(report.totals().bytes()));
        context.setVariable("charts", charts(report));
        return templates.process("reports/published-report", context);
    }

    /** Chart title → inline SVG, in the order the page shows them. */
    private static Map<String, String> charts(Report report) {
        var days = report.daily().stream().map(Report.Day::day).toList();
        var charts = new LinkedHashMap<String, String>();
        daily(charts, "Sign-ups per day", days, report.daily(), Report.Day::signUps, SvgChart.Scale.COUNT);
        daily(charts, "Active users per day", days, report.daily(), Report.Day::activeUsers, SvgChart.Scale.COUNT);
        daily(charts, "Uploads per day", days, report.daily(), Report.Day::uploads, SvgChart.Scale.COUNT);
        daily(charts, "Bytes uploaded per day", days, report.daily(), Report.Day::bytesUploaded, SvgChart.Scale.BYTES);
        bars(charts, "Files by size", report.fileSizes());
        bars(charts, "Files by content type", report.contentTypes());
        return charts;
    }

    private static void daily(
            Map<String, String> charts,
            String title,
            List<LocalDate> days,
            List<Report.Day> daily,
            ToLongFunction<Report.Day> figure,
            SvgChart.Scale scale) {
        charts.put(
                title,
                SvgChart.daily(
                        title,
                        days,
                        daily.stream().map(d -> figure.applyAsLong(d)).toList(),
                        scale));
    }

    private static void bars(Map<String, String> charts, String title, List<Report.Count> counts) {
        charts.put(
                title,
                SvgChart.bars(
                        title,
                        counts.stream().map(Report.Count::label).toList(),
                        counts.stream().map(Report.Count::files).toList(),
                        SvgChart.Scale.COUNT));
    }

    private static String totalsCsv(Report.Totals totals) {
        return csv(
                List.of("metric", "value"),
                List.of(
                        List.of("users", totals.users()),
                        List.of("files", totals.files()),
                        List.of("bytes", totals.bytes())));
    }

    private static String dailyCsv(List<Report.Day> daily) {
        return csv(
                List.of("day", "sign_ups", "uploads", "bytes_uploaded", "active_users"),
                daily.stream()
                        .map(d ->
                                List.<Object>of(d.day(), d.signUps(), d.uploads(), d.bytesUploaded(), d.activeUsers()))
                        .toList());
    }

    private static String countsCsv(String labelColumn, List<Report.Count> counts) {
        return csv(
                List.of(labelColumn, "files"),
                counts.stream().map(c -> List.<Object>of(c.label(), c.files())).toList());
    }

    /** RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or a line break. */
    static String csv(List<String> header, List<? extends List<?>> rows) {
        Function<List<?>, String> line = fields -> String.join(
                ",", fields.stream().map(f -> quote(String.valueOf(f))).toList());
        var out = new StringBuilder(line.apply(header)).append("\r\n");
        rows.forEach(row -> out.append(line.apply(row)).append("\r\n"));
        return out.toString();
    }

    private static String quote(String field) {
        return field.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')
                ? '"' + field.replace("\"", "\"\"") + '"'
                : field;
    }
}
