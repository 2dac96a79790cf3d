package com.example.myamazingapp.reports;

import java.nio.charset.StandardCharsets;

/** One file of a published report: its name inside the report's folder, its Content-Type and its bytes. */
record ReportObject(String name, String contentType, byte[] body) {

    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json";
    static final String CSV = "text/csv; charset=utf-8";

    static ReportObject text(String name, String contentType, String body) {
        return new ReportObject(name, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
