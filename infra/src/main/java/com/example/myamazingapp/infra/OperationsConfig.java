package com.example.myamazingapp.infra;

import com.example.myamazingapp.infra.ops.AlarmThresholds;
import java.util.List;

/**
 * Who is told when an environment breaks, and when. Keys in infra/cdk.json: opsEmails (a JSON array of e-mail
 * addresses, empty: nobody; with -c a comma-separated string), alarmErrorRatePercent, alarmMinRequests, alarmP99Millis,
 * alarmServiceCpuPercent, alarmServiceMemoryPercent, alarmDbCpuPercent, alarmDbFreeStorageGiB,
 * alarmDbFreeableMemoryMiB, alarmDbConnections (docs/operations.md, "Alarms").
 *
 * @param opsEmails the addresses subscribed to the environment's ops topic
 * @param thresholds where each alarm fires
 */
public record OperationsConfig(List<String> opsEmails, AlarmThresholds thresholds) {

    static OperationsConfig read(ContextReader context) {
        var emails = context.list("opsEmails");
        return new OperationsConfig(
                emails == null
                        ? List.of()
                        : emails.stream()
                                .map(String::valueOf)
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .toList(),
                new AlarmThresholds(
                        context.requiredWhole("alarmErrorRatePercent"),
                        context.requiredWhole("alarmMinRequests"),
                        context.requiredWhole("alarmP99Millis") / 1000.0,
                        context.requiredWhole("alarmServiceCpuPercent"),
                        context.requiredWhole("alarmServiceMemoryPercent"),
                        context.requiredWhole("alarmDbCpuPercent"),
                        context.requiredWhole("alarmDbFreeStorageGiB"),
                        context.requiredWhole("alarmDbFreeableMemoryMiB"),
                        context.requiredWhole("alarmDbConnections")));
    }

    void validate(Problems problems) {
        problems.check(
                opsEmails.stream()
                        .allMatch(email -> ContextReader.EMAIL.matcher(email).matches()),
                "opsEmails must be e-mail addresses (was " + opsEmails + ")");
        var t = thresholds;
        for (var percent :
                List.of(t.errorRatePercent(), t.serviceCpuPercent(), t.serviceMemoryPercent(), t.dbCpuPercent())) {
            problems.check(
                    percent.doubleValue() > 0 && percent.doubleValue() < 100,
                    "alarm percentages (alarmErrorRatePercent, alarmServiceCpuPercent, alarmServiceMemoryPercent, "
                            + "alarmDbCpuPercent) must be between 1 and 99 (was " + percent + ")");
        }
        problems.check(
                t.minRequests() >= 1
                        && t.p99LatencySeconds() > 0
                        && t.dbFreeStorageGiB() >= 1
                        && t.dbFreeableMemoryMiB() >= 1
                        && t.dbConnections() >= 1,
                "alarmMinRequests, alarmP99Millis, alarmDbFreeStorageGiB, alarmDbFreeableMemoryMiB and "
                        + "alarmDbConnections must be positive");
    }
}
