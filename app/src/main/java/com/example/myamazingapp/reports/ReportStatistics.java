package com.example.myamazingapp.reports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Computes a {@link Report} from the core tables in four queries (one scan of accounts, two of stored_files, the
 * activity days), everything cut at the report date's midnight UTC. Reads counts only: no e-mail address or file name
 * leaves this class.
 */
@Repository
class ReportStatistics {

    static final int DAYS = 90;
    static final int TOP_CONTENT_TYPES = 8;

    /**
     * A content type is shown only when at least this many distinct owners uploaded it (k-anonymity): a client may
     * declare any well-formed type, such as application/jane-doe-payroll, and a type only one or two people use could
     * name them or say what they store.
     */
    static final int MIN_OWNERS_PER_CONTENT_TYPE = 3;

    /** Upper bounds (exclusive) of the file-size buckets, and their labels; the last bucket is open. */
    static final long[] SIZE_LIMITS = {1L << 10, 1L << 20, 10L << 20, 100L << 20};

    static final List<String> SIZE_LABELS =
            List.of("< 1 KiB", "1 KiB – 1 MiB", "1 MiB – 10 MiB", "10 MiB – 100 MiB", "≥ 100 MiB");

    /**
     * Content types are user input: only a well-formed type/subtype is shown, anything else (which could carry a name
     * or an address) is counted under "other".
     */
    private static final String MEDIA_TYPE = "^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$";

    /** Accounts per day of the series, and one row (day null) for all older accounts: the total is the sum. */
    private static final String SIGN_UPS = """
            select case when created_at >= :from then (created_at at time zone 'UTC')::date end as day,
                   count(*) as value
            from accounts where created_at < :cutoff group by 1""";

    private final JdbcClient jdbc;

    ReportStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Report compute(LocalDate date, Instant generatedAt) {
        Instant cutoff = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        LocalDate first = date.minusDays(DAYS);
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();

        var signUps = new HashMap<LocalDate, Long>();
        long users = perDayWithTotal(SIGN_UPS, from, cutoff, (day, rs) -> signUps.put(day, rs.getLong("value")));
        var files = files(from, cutoff);
        var active = new HashMap<LocalDate, Long>();
        jdbc.sql("""
                        select day, count(*) as value from account_activity
                        where day >= :fromDay and day < :cutoffDay group by 1""")
                .param("fromDay", first)
                .param("cutoffDay", date)
                .query((rs, row) -> active.put(rs.getObject("day", LocalDate.class), rs.getLong("value")))
                .list();

        var daily = new ArrayList<Report.Day>(DAYS);
        for (LocalDate day = first; day.isBefore(date); day = day.plusDays(1)) {
            daily.add(new Report.Day(
                    day,
                    signUps.getOrDefault(day, 0L),
                    files.uploads().getOrDefault(day, 0L),
                    files.bytes().getOrDefault(day, 0L),
                    active.getOrDefault(day, 0L)));
        }
        var buckets = new ArrayList<Report.Count>();
        for (int i = 0; i < SIZE_LABELS.size(); i++) {
            buckets.add(new Report.Count(SIZE_LABELS.get(i), files.sizes()[i]));
        }
        return new Report(
                date,
                generatedAt,
                new Report.Totals(users, files.files(), files.totalBytes()),
                List.copyOf(daily),
                List.copyOf(buckets),
                contentTypes(cutoff));
    }

    /** What one pass over stored_files yields: totals, the daily series and the size buckets. */
    private record Files(
            long files, long totalBytes, Map<LocalDate, Long> uploads, Map<LocalDate, Long> bytes, long[] sizes) {}

    /**
     * One scan of the files before the cutoff, grouped by day for the series' days and into one group for all older
     * files: the totals and size buckets are the sums over the groups (it used to be five scans).
     */
    private Files files(Instant from, Instant cutoff) {
        var uploads = new HashMap<LocalDate, Long>();
        var bytes = new HashMap<LocalDate, Long>();
        var sizes = new long[SIZE_LABELS.size()];
        var totals = new long[2];
        jdbc.sql("""
                        select case when created_at >= :from then (created_at at time zone 'UTC')::date end as day,
                               count(*) as files, coalesce(sum(size_bytes), 0) as bytes,
                               count(*) filter (where size_bytes < :l0) as s0,
                               count(*) filter (where size_bytes >= :l0 and size_bytes < :l1) as s1,
                               count(*) filter (where size_bytes >= :l1 and size_bytes < :l2) as s2,
                               count(*) filter (where size_bytes >= :l2 and size_bytes < :l3) as s3,
                               count(*) filter (where size_bytes >= :l3) as s4
                        from stored_files where created_at < :cutoff group by 1""")
                .param("from", utc(from))
                .param("cutoff", utc(cutoff))
                .param("l0", SIZE_LIMITS[0])
                .param("l1", SIZE_LIMITS[1])
                .param("l2", SIZE_LIMITS[2])
                .param("l3", SIZE_LIMITS[3])
                .query((rs, row) -> {
                    totals[0] += rs.getLong("files");
                    totals[1] += rs.getLong("bytes");
                    for (int i = 0; i < sizes.length; i++) {
                        sizes[i] += rs.getLong("s" + i);
                    }
                    var day = rs.getObject("day", LocalDate.class);
                    if (day != null) {
                        uploads.put(day, rs.getLong("files"));
                        bytes.put(day, rs.getLong("bytes"));
                    }
                    return day;
                })
                .list();
        return new Files(totals[0], totals[1], uploads, bytes, sizes);
    }

    private interface DayRow {
        void accept(LocalDate day, ResultSet rs) throws SQLException;
    }

    /** Rows of (day or null for before the series, value): hands on the days, returns the sum over all rows. */
    private long perDayWithTotal(String sql, Instant from, Instant cutoff, DayRow perDay) {
        var total = new long[1];
        jdbc.sql(sql)
                .param("from", utc(from))
                .param("cutoff", utc(cutoff))
                .query((rs, row) -> {
                    total[0] += rs.getLong("value");
                    var day = rs.getObject("day", LocalDate.class);
                    if (day != null) {
                        perDay.accept(day, rs);
                    }
                    return day;
                })
                .list();
        return total[0];
    }

    /**
     * One scan, grouped by (declared type, owner); the media-type check then runs once per distinct declared type, not
     * twice per file as it used to ("materialized": inlined, PostgreSQL would evaluate it again for every joined row).
     */
    private List<Report.Count> contentTypes(Instant cutoff) {
        return jdbc.sql("""
                        with per_owner as (
                            select content_type, owner_id, count(*) as files
                            from stored_files where created_at < :cutoff group by content_type, owner_id),
                        declared as (
                            select content_type, lower(split_part(content_type, ';', 1)) as lowered
                            from (select distinct content_type from per_owner) d),
                        kinds as materialized (
                            select content_type, case when lowered ~ :mediaType then lowered end as type from declared),
                        typed as (
                            select k.type, p.owner_id, p.files from per_owner p join kinds k using (content_type)),
                        counted as (
                            select case when count(distinct owner_id) >= :minOwners then type end as type,
                                   sum(files) as files
                            from typed group by typed.type),
                        ranked as (
                            select type, files, row_number() over (order by type is null, files desc, type) as rank
                            from counted),
                        labelled as (
                            select case when rank <= :top and type is not null then type else 'other' end as label,
                                   files, rank
                            from ranked)
                        select label, sum(files) as files from labelled group by label
                        order by label = 'other', min(rank)""")
                .param("mediaType", MEDIA_TYPE)
                .param("cutoff", utc(cutoff))
                .param("top", TOP_CONTENT_TYPES)
                .param("minOwners", MIN_OWNERS_PER_CONTENT_TYPE)
                .query((rs, row) -> new Report.Count(rs.getString("label"), rs.getLong("files")))
                .list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
