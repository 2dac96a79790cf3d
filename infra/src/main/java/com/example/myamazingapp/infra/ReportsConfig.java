package com.example.myamazingapp.infra;

import java.util.Arrays;

/**
 * The statistics reports' settings of the application in an environment. Keys in infra/cdk.json: reportAdmins (a JSON
 * array of e-mail addresses, empty: nobody; with -c a comma-separated string), reportSchedule (empty: the application's
 * default, daily).
 *
 * @param admins REPORT_ADMINS of the application (comma-separated e-mails), or null
 * @param schedule REPORT_SCHEDULE of the application, or null for the application's default
 */
public record ReportsConfig(String admins, String schedule) {

    static ReportsConfig read(ContextReader context) {
        var admins = context.list("reportAdmins");
        var joined = admins == null
                ? ""
                : String.join(
                        ",",
                        admins.stream()
                                .map(String::valueOf)
                                .filter(s -> !s.isEmpty())
                                .toList());
        return new ReportsConfig(joined.isEmpty() ? null : joined, context.text("reportSchedule"));
    }

    void validate(Problems problems) {
        problems.check(
                admins == null
                        || Arrays.stream(admins.split(","))
                                .allMatch(email ->
                                        ContextReader.EMAIL.matcher(email).matches()),
                "reportAdmins must be e-mail addresses (was " + admins + ")");
    }
}
