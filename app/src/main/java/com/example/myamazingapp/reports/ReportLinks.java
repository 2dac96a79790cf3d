package com.example.myamazingapp.reports;

/** Where the application links to the published reports: REPORTS_URL, the distribution's https URL (may be empty). */
public record ReportLinks(String url) {}
