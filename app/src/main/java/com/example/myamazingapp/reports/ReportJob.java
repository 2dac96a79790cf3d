package com.example.myamazingapp.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a report: on the schedule (REPORT_SCHEDULE, UTC) in every instance, or when an administrator asks.
 *
 * <p>Exactly once per scheduled slot, however many instances fire: the run takes a PostgreSQL transaction-level
 * advisory lock, waiting (at most {@link #LOCK_TIMEOUT}) while another instance holds it, then claims the slot by
 * inserting it into report_runs. The S3 writes happen inside that transaction. So when the holder commits, the waiting
 * instance finds the slot taken; when the holder fails, its claim rolls back and the waiting instance publishes the
 * slot itself, instead of the slot's report never appearing.
 *
 * <p>One report per UTC day: a report covers everything before its date's midnight, and its dated folder never changes
 * once written, so a later run on a day that already has its report publishes nothing.
 */
class ReportJob {

    /** The advisory lock key of report runs (the bytes of "reports!"), the same in every instance. */
    static final long LOCK_KEY = 0x7265706f72747321L;

    /**
     * How long an instance waits for another one's run: a run takes seconds, so this only ends a wait on a holder that
     * hangs (the waiting run then fails, logged, rather than piling up behind it).
     */
    static final Duration LOCK_TIMEOUT = Duration.ofMinutes(5);

    enum Outcome {
        PUBLISHED,
        ALREADY_PUBLISHED,
        SLOT_ALREADY_RUN,
        FAILED
    }

    record Result(Outcome outcome, LocalDate date) {}

    /** A row of report_runs, for the administration page. */
    record Run(Instant slot, String trigger, LocalDate reportDate, String outcome, Instant finishedAt) {}

    private static final Logger log = LoggerFactory.getLogger(ReportJob.class);

    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final ReportStatistics statistics;
    private final ReportRenderer renderer;
    private final ReportPublisher publisher;
    /** Null when REPORT_SCHEDULE is "-" (disabled): then nothing fires by itself. */
    private final CronExpression schedule;

    private final Clock clock;

    ReportJob(
            TransactionTemplate transactions,
            JdbcClient jdbc,
            ReportStatistics statistics,
            ReportRenderer renderer,
            ReportPublisher publisher,
            CronExpression schedule,
            Clock clock) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.statistics = statistics;
        this.renderer = renderer;
        this.publisher = publisher;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Scheduled(cron = "${app.reports.schedule}", zone = "UTC")
    void onSchedule() {
        runScheduled(clock.instant());
    }

    /** The scheduled run that fired at {@code firedAt}: claims the slot the schedule had planned for that moment. */
    Result runScheduled(Instant firedAt) {
        return run("schedule", scheduledSlot(schedule, firedAt), null);
    }

    /** An administrator's "publish now": its own slot, the current time. */
    Result publishNow(String administrator) {
        return run("manual", clock.instant().truncatedTo(ChronoUnit.MICROS), administrator);
    }

    private Result run(String trigger, Instant slot, String requestedBy) {
        LocalDate date = LocalDate.ofInstant(slot, ZoneOffset.UTC);
        Result result;
        try {
            result = claimAndPublish(trigger, slot, requestedBy, date);
        } catch (RuntimeException e) {
            // The transaction rolled the claim back: the slot can run again; latest/ shows the previous report
            // (ReportPublisher puts it back, unless that failed too: then a suppressed exception says so).
            log.error("report run {} for slot {} failed; the previous report stays published", trigger, slot, e);
            return new Result(Outcome.FAILED, date);
        }
        log.info("report run {} for slot {}: {} (report of {})", trigger, slot, result.outcome(), result.date());
        return result;
    }

    private Result claimAndPublish(String trigger, Instant slot, String requestedBy, LocalDate date) {
        return transactions.execute(status -> {
            // SET takes no bind parameters; the value is a constant.
            jdbc.sql("set local lock_timeout = " + LOCK_TIMEOUT.toMillis()).update();
            jdbc.sql("select pg_advisory_xact_lock(:key)")
                    .param("key", LOCK_KEY)
                    .query()
                    .listOfRows();
            // Read after the lock, so it sees what the previous holder committed (none of it if it rolled back).
            if (exists("select exists (select 1 from report_runs where slot = :value)", slot)) {
                return new Result(Outcome.SLOT_ALREADY_RUN, date);
            }
            boolean published = exists("""
                    select exists (select 1 from report_runs
                    where report_date = :value and outcome = 'published')""", date);
            jdbc.sql("""
                            insert into report_runs (slot, trigger, report_date, outcome, requested_by)
                            values (:slot, :trigger, :date, :outcome, :requestedBy)""")
                    .param("slot", slot.atOffset(ZoneOffset.UTC))
                    .param("trigger", trigger)
                    .param("date", date)
                    .param("outcome", published ? "already-published" : "published")
                    .param("requestedBy", requestedBy)
                    .update();
            if (published) {
                return new Result(Outcome.ALREADY_PUBLISHED, date);
            }
            var report = statistics.compute(date, clock.instant());
            var dates = jdbc.sql("select report_date from report_runs where outcome = 'published'")
                    .query(LocalDate.class)
                    .list();
            // What latest/ shows now: the report of the last run that committed, as a run commits only once its
            // latest/ is complete. The publisher puts it back if this run fails after touching latest/.
            var previous =
                    jdbc.sql("""
                            select report_date from report_runs where outcome = 'published' and report_date <> :date
                            order by finished_at desc limit 1""").param("date", date).query(LocalDate.class).optional();
            publisher.publish(date, renderer.render(report), renderer.index(dates), previous);
            jdbc.sql("update report_runs set finished_at = clock_timestamp() where slot = :slot")
                    .param("slot", slot.atOffset(ZoneOffset.UTC))
                    .update();
            return new Result(Outcome.PUBLISHED, date);
        });
    }

    /** Whether a run holds the report lock now, in any instance (PostgreSQL shows advisory locks in pg_locks). */
    boolean running() {
        return jdbc.sql("""
                        select exists (select 1 from pg_locks where locktype = 'advisory' and objsubid = 1
                                       and classid::bigint = :high and objid::bigint = :low)""")
                .param("high", LOCK_KEY >>> 32)
                .param("low", LOCK_KEY & 0xffffffffL)
                .query(Boolean.class)
                .single();
    }

    List<Run> recentRuns(int limit) {
        return jdbc.sql("""
                        select slot, trigger, report_date, outcome, finished_at from report_runs
                        order by slot desc limit :limit""")
                .param("limit", limit)
                .query((rs, row) -> new Run(
                        rs.getObject("slot", java.time.OffsetDateTime.class).toInstant(),
                        rs.getString("trigger"),
                        rs.getObject("report_date", LocalDate.class),
                        rs.getString("outcome"),
                        rs.getObject("finished_at", java.time.OffsetDateTime.class)
                                .toInstant()))
                .list();
    }

    private boolean exists(String sql, Object value) {
        Object parameter = value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value;
        return jdbc.sql(sql).param("value", parameter).query(Boolean.class).single();
    }

    /**
     * The latest time the schedule planned at or before {@code firedAt} (give or take a second, as a scheduler may wake
     * a little early): the same instant in every instance that fires for that slot.
     */
    static Instant scheduledSlot(CronExpression schedule, Instant firedAt) {
        if (schedule == null) {
            // Disabled schedule: nothing planned a slot, so a direct call names its own second.
            return firedAt.truncatedTo(ChronoUnit.SECONDS);
        }
        ZonedDateTime limit = firedAt.plusSeconds(1).atZone(ZoneOffset.UTC);
        for (Duration back : List.of(
                Duration.ofMinutes(2),
                Duration.ofHours(2),
                Duration.ofDays(2),
                Duration.ofDays(40),
                Duration.ofDays(400),
                Duration.ofDays(3000))) {
            ZonedDateTime slot = schedule.next(limit.minus(back));
            if (slot != null && !slot.isAfter(limit)) {
                for (var next = schedule.next(slot); next != null && !next.isAfter(limit); next = schedule.next(next)) {
                    slot = next;
                }
                return slot.toInstant();
            }
        }
        return firedAt.truncatedTo(ChronoUnit.SECONDS);
    }
}
