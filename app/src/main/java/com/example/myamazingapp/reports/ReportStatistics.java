package com.example.myamazingapp.reports;

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
 * Computes a {@link Report} from the core tables, one plain query per figure, everything cut at the report date's
 * midnight UTC. Reads counts only: no e-mail address or file name leaves this class.
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

    private final JdbcClient jdbc;

    ReportStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Report compute(LocalDate date, Instant generatedAt) {
        Instant cutoff = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        LocalDate first = date.minusDays(DAYS);
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();

        var totals = new Report.Totals(
                count("select count(*) from accounts where created_at < :cutoff", cutoff),
                count("select count(*) from stored_files where created_at < :cutoff", cutoff),
                count("select coalesce(sum(size_bytes), 0) from stored_files where created_at < :cutoff", cutoff));

        var signUps = perDay("""
                select (created_at at time zone 'UTC')::date as day, count(*) as value
                from accounts where created_at >= :from and created_at < :cutoff group by 1""", from, cutoff);
        var uploads = perDay("""
                select (created_at at time zone 'UTC')::date as day, count(*) as value
                from stored_files where created_at >= :from and created_at < :cutoff group by 1""", from, cutoff);
        var bytes = perDay("""
                select (created_at at time zone 'UTC')::date as day, sum(size_bytes) as value
                from stored_files where created_at >= :from and created_at < :cutoff group by 1""", from, cutoff);
        var active = perDay("""
                select day, count(*) as value from account_activity
                where day >= :fromDay and day < :cutoffDay group by 1""", first, date);

        var daily = new ArrayList<Report.Day>(DAYS);
        for (LocalDate day = first; day.isBefore(date); day = day.plusDays(1)) {
            daily.add(new Report.Day(
                    day,
                    signUps.getOrDefault(day, 0L),
                    uploads.getOrDefault(day, 0L),
                    bytes.getOrDefault(day, 0L),
                    active.getOrDefault(day, 0L)));
        }
        return new Report(date, generatedAt, totals, List.copyOf(daily), fileSizes(cutoff), contentTypes(cutoff));
    }

    private long count(String sql, Instant cutoff) {
        return jdbc.sql(sql).param("cutoff", utc(cutoff)).query(Long.class).single();
    }

    private Map<LocalDate, Long> perDay(String sql, Instant from, Instant cutoff) {
        return perDay(jdbc.sql(sql).param("from", utc(from)).param("cutoff", utc(cutoff)));
    }

    private Map<LocalDate, Long> perDay(String sql, LocalDate fromDay, LocalDate cutoffDay) {
        return perDay(jdbc.sql(sql).param("fromDay", fromDay).param("cutoffDay", cutoffDay));
    }

    private static Map<LocalDate, Long> perDay(JdbcClient.StatementSpec statement) {
        var values = new HashMap<LocalDate, Long>();
        statement
                .query((rs, row) -> values.put(rs.getObject("day", LocalDate.class), rs.getLong("value")))
                .list();
        return values;
    }

    private List<Report.Count> fileSizes(Instant cutoff) {
        var counts = new long[SIZE_LABELS.size()];
        jdbc.sql("""
                        select case when size_bytes < :l0 then 0 when size_bytes < :l1 then 1
                                    when size_bytes < :l2 then 2 when size_bytes < :l3 then 3 else 4 end as bucket,
                               count(*) as files
                        from stored_files where created_at < :cutoff group by 1""")
                .param("l0", SIZE_LIMITS[0])
                .param("l1", SIZE_LIMITS[1])
                .param("l2", SIZE_LIMITS[2])
                .param("l3", SIZE_LIMITS[3])
                .param("cutoff", utc(cutoff))
                .query((rs, row) -> counts[rs.getInt("bucket")] = rs.getLong("files"))
                .list();
        var buckets = new ArrayList<Report.Count>();
        for (int i = 0; i < counts.length; i++) {
            buckets.add(new Report.Count(SIZE_LABELS.get(i), counts[i]));
        }
        return List.copyOf(buckets);
    }

    private List<Report.Count> contentTypes(Instant cutoff) {
        return jdbc.sql("""
                        with typed as (
                            select case when lower(split_part(content_type, ';', 1)) ~ :mediaType
                                        then lower(split_part(content_type, ';', 1)) end as type,
                                   owner_id
                            from stored_files where created_at < :cutoff),
                        counted as (
                            select case when count(distinct owner_id) >= :minOwners then type end as type,
                                   count(*) as files
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
