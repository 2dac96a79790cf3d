package com.example.myamazingapp.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void aDailyChartHasOneBarPerDayScaledToARoundAxis() {
        var days = LongStream.range(0, 90)
                .mapToObj(i -> LocalDate.of(2026, 8, 28).plusDays(i))
                .toList();
        var values =
                LongStream.range(0, 90).map(i -> i == 45 ? 37 : i % 3).boxed().toList();

        String svg = SvgChart.daily("Uploads per day", days, values, SvgChart.Scale.COUNT);

        assertThat(count(svg, "<rect class=\"bar\"")).isEqualTo(90);
        // 37 at most: ticks every 10 up to 40.
        assertThat(svg)
                .contains(">0</text>", ">10</text>", ">20</text>", ">30</text>", ">40</text>")
                .doesNotContain(">50</text>");
        // Month starts are labelled; the first day (28 Aug) is not, as 1 Sep follows too closely.
        assertThat(svg)
                .contains(">1 Sep</text>", ">1 Oct</text>", ">1 Nov</text>")
                .doesNotContain(">28 Aug</text>");
        assertThat(SvgChart.daily("t", days.subList(5, 90), values.subList(5, 90), SvgChart.Scale.COUNT))
                .contains(">2 Sep</text>");
        assertThat(svg).contains("<title>2026-10-12: 37</title>");
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");
    }

    @Test
    void theHighestBarReachesTheTopOfTheAxis() {
        var days = List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2));
        String svg = SvgChart.daily("t", days, List.of(50L, 25L), SvgChart.Scale.COUNT);
        // plot height 180 (220 - 12 - 28); axis top is 50: full and half height.
        assertThat(svg).contains("height=\"180.0\"", "height=\"90.0\"");
    }

    @Test
    void anAllZeroSeriesStillDrawsAnAxis() {
        String svg = SvgChart.daily("t", List.of(LocalDate.of(2026, 1, 1)), List.of(0L), SvgChart.Scale.COUNT);
        assertThat(svg).contains(">0</text>", ">1</text>", "height=\"0.0\"");
    }

    @Test
    void barsCarryEscapedLabelsAndTheirValues() {
        String svg = SvgChart.bars(
                "Files by content type", List.of("text/plain", "a<b>&\"c\""), List.of(3L, 1L), SvgChart.Scale.COUNT);

        assertThat(count(svg, "<rect class=\"bar\"")).isEqualTo(2);
        assertThat(svg)
                .contains(">text/plain</text>", ">3</text>", "a&lt;b&gt;&amp;&quot;c&quot;")
                .doesNotContain("a<b>");
        assertThat(svg).contains("aria-label=\"Files by content type\"");
    }

    @Test
    void mismatchedSeriesAreRefused() {
        assertThatThrownBy(() -> SvgChart.bars("t", List.of("a"), List.of(), SvgChart.Scale.COUNT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 / 0");
    }

    @Test
    void axesUseRoundSteps() {
        assertThat(SvgChart.Axis.of(0)).isEqualTo(new SvgChart.Axis(1, List.of(0L, 1L)));
        assertThat(SvgChart.Axis.of(7)).isEqualTo(new SvgChart.Axis(8, List.of(0L, 2L, 4L, 6L, 8L)));
        assertThat(SvgChart.Axis.of(50)).isEqualTo(new SvgChart.Axis(50, List.of(0L, 10L, 20L, 30L, 40L, 50L)));
        assertThat(SvgChart.Axis.of(1_234_567).ticks()).containsExactly(0L, 500_000L, 1_000_000L, 1_500_000L);
    }

    @Test
    void aBytesAxisStepsInRoundBinaryUnits() {
        assertThat(SvgChart.Scale.BYTES.axis(763L << 20).ticks())
                .containsExactly(0L, 200L << 20, 400L << 20, 600L << 20, 800L << 20);
        assertThat(SvgChart.Scale.BYTES.axis(3000).ticks()).containsExactly(0L, 1000L, 2000L, 3000L);
        String svg =
                SvgChart.daily("Bytes", List.of(LocalDate.of(2026, 1, 1)), List.of(763L << 20), SvgChart.Scale.BYTES);
        assertThat(svg).contains(">200 MiB</text>", ">800 MiB</text>", "<title>2026-01-01: 763 MiB</title>");
    }

    @Test
    void bytesReadInBinaryUnits() {
        assertThat(ReportFormat.bytes(0)).isEqualTo("0 B");
        assertThat(ReportFormat.bytes(1023)).isEqualTo("1023 B");
        assertThat(ReportFormat.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(ReportFormat.bytes(150L << 20)).isEqualTo("150 MiB");
        assertThat(ReportFormat.count(1234567)).isEqualTo("1,234,567");
    }

    private static long count(String text, String fragment) {
        return Pattern.compile(Pattern.quote(fragment)).matcher(text).results().count();
    }
}
