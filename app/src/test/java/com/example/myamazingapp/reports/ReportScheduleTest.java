package com.example.myamazingapp.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;

class ReportScheduleTest {

    private final org.springframework.scheduling.support.CronExpression daily =
            ReportConfiguration.parse(ReportConfiguration.DEFAULT_SCHEDULE);

    @Test
    void instancesFiringAroundTheSameSlotAgreeOnIt() {
        var slot = Instant.parse("2026-11-26T02:00:00Z");
        assertThat(ReportJob.scheduledSlot(daily, Instant.parse("2026-11-26T02:00:00.004Z")))
                .isEqualTo(slot);
        assertThat(ReportJob.scheduledSlot(daily, Instant.parse("2026-11-26T01:59:59.700Z")))
                .isEqualTo(slot);
        // An instance whose scheduler fired late (a long pause) still names the same slot.
        assertThat(ReportJob.scheduledSlot(daily, Instant.parse("2026-11-26T02:07:13Z")))
                .isEqualTo(slot);
        assertThat(ReportJob.scheduledSlot(daily, Instant.parse("2026-11-27T01:00:00Z")))
                .isEqualTo(slot);
        assertThat(ReportJob.scheduledSlot(daily, Instant.parse("2026-11-27T02:00:00Z")))
                .isEqualTo(slot.plusSeconds(86_400));
    }

    @Test
    void frequentSchedulesHaveDistinctSlots() {
        var everyTenMinutes = ReportConfiguration.parse("0 */10 * * * *");
        assertThat(ReportJob.scheduledSlot(everyTenMinutes, Instant.parse("2026-11-26T05:20:00.010Z")))
                .isEqualTo(Instant.parse("2026-11-26T05:20:00Z"));
        assertThat(ReportJob.scheduledSlot(everyTenMinutes, Instant.parse("2026-11-26T05:29:58Z")))
                .isEqualTo(Instant.parse("2026-11-26T05:20:00Z"));
    }

    @Test
    void aDisabledScheduleHasNoSlotsOfItsOwn() {
        var disabled = ReportConfiguration.parse("-");
        assertThat(disabled).isNull();
        // Nothing fires on its own; a direct call (the tests) names the second it was made.
        assertThat(ReportJob.scheduledSlot(disabled, Instant.parse("2026-11-26T02:07:13.250Z")))
                .isEqualTo(Instant.parse("2026-11-26T02:07:13Z"));
    }

    @Test
    void aBadScheduleNamesTheVariable() {
        assertThatThrownBy(() -> ReportConfiguration.parse("daily"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REPORT_SCHEDULE");
    }

    @Test
    void administratorsAreMatchedByEmailWhateverTheCase() {
        var admins = ReportAdmins.parse(" Ops@Example.com, ,boss@example.com ");
        assertThat(admins.emails()).containsExactlyInAnyOrder("ops@example.com", "boss@example.com");
        assertThat(admins.includes(new TestingAuthenticationToken("OPS@example.com", "x", "ROLE_USER")))
                .isTrue();
        assertThat(admins.includes(new TestingAuthenticationToken("someone@example.com", "x", "ROLE_USER")))
                .isFalse();
        assertThat(ReportAdmins.parse("").emails()).isEmpty();
    }
}
