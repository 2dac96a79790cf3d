package com.example.myamazingapp.infra.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Athena table for the load balancer's access logs in docs/operations.md parses real ALB log lines: the regular
 * expression is taken from the document as Athena reads it, and its groups land in the columns the document names.
 */
class OperationsDocTest {

    private static final Path DOC = Path.of("../docs/operations.md");

    /** A forwarded HTTPS request, in the access log format of the ALB user guide (fields up to conn_trace_id). */
    static final String FORWARDED = "https 2026-11-26T05:12:31.123456Z app/myamazingapp-prod/50dc6c495c0c9188 "
            + "203.0.113.7:53211 10.0.3.17:3000 0.001 0.048 0.000 200 200 512 2048 "
            + "\"GET https://myamazingapp.example.com:443/files?page=2 HTTP/1.1\" \"Mozilla/5.0 (X11; Linux x86_64)\" "
            + "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
            + "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/myama-targe-1ABC/73e2d6bc24d8a067 "
            + "\"Root=1-67455c3e-0123456789abcdef01234567\" \"myamazingapp.example.com\" "
            + "\"arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 0 "
            + "2026-11-26T05:12:31.074000Z \"forward\" \"-\" \"-\" \"10.0.3.17:3000\" \"200\" \"-\" \"-\" TID_1234abcd5678ef90";

    /** listener2's redirect to HTTPS: no target, no TLS, times -1. */
    static final String REDIRECTED = "http 2026-11-26T05:13:02.000001Z app/myamazingapp-prod/50dc6c495c0c9188 "
            + "198.51.100.23:40110 - -1 -1 -1 301 - 96 280 \"GET http://myamazingapp.example.com:80/ HTTP/1.1\" "
            + "\"curl/8.5.0\" - - - \"Root=1-67455c5a-0123456789abcdef01234567\" \"-\" \"-\" 0 "
            + "2026-11-26T05:13:02.000000Z \"redirect\" \"https://myamazingapp.example.com:443/\" \"-\" \"-\" \"-\" \"-\" \"-\" TID_abcd";

    @Test
    void theAlbTableReadsAForwardedRequest() throws IOException {
        var row = parse(FORWARDED);

        assertThat(row)
                .containsEntry("type", "https")
                .containsEntry("client_ip", "203.0.113.7")
                .containsEntry("client_port", "53211")
                .containsEntry("target_ip", "10.0.3.17")
                .containsEntry("target_port", "3000")
                .containsEntry("target_processing_time", "0.048")
                .containsEntry("elb_status_code", "200")
                .containsEntry("target_status_code", "200")
                .containsEntry("request_verb", "GET")
                .containsEntry("request_url", "https://myamazingapp.example.com:443/files?page=2")
                .containsEntry("request_proto", "HTTP/1.1")
                .containsEntry("user_agent", "Mozilla/5.0 (X11; Linux x86_64)")
                .containsEntry("ssl_protocol", "TLSv1.2")
                .containsEntry("trace_id", "Root=1-67455c3e-0123456789abcdef01234567")
                .containsEntry("domain_name", "myamazingapp.example.com")
                .containsEntry("actions_executed", "forward")
                .containsEntry("target_port_list", "10.0.3.17:3000")
                .containsEntry("conn_trace_id", "TID_1234abcd5678ef90");
    }

    @Test
    void theAlbTableReadsARedirectWithoutTarget() throws IOException {
        var row = parse(REDIRECTED);

        assertThat(row)
                .containsEntry("type", "http")
                .containsEntry("target_ip", "")
                .containsEntry("target_port", "")
                .containsEntry("elb_status_code", "301")
                .containsEntry("target_status_code", "-")
                .containsEntry("request_url", "http://myamazingapp.example.com:80/")
                .containsEntry("trace_id", "Root=1-67455c5a-0123456789abcdef01234567")
                .containsEntry("actions_executed", "redirect")
                .containsEntry("redirect_url", "https://myamazingapp.example.com:443/")
                .containsEntry("conn_trace_id", "TID_abcd");
    }

    @Test
    void fieldsTheAlbAddsLaterAreIgnored() throws IOException {
        assertThat(parse(FORWARDED + " \"a-future-field\" 42")).containsEntry("conn_trace_id", "TID_1234abcd5678ef90");
    }

    /** The line split into the document's columns, by its regular expression, as Athena's RegexSerDe does. */
    private static Map<String, String> parse(String line) throws IOException {
        var doc = Files.readString(DOC);
        var regex = Pattern.compile("'input\\.regex' = '(.*)'\\n").matcher(doc);
        assertThat(regex.find()).as("input.regex in " + DOC).isTrue();
        var pattern = Pattern.compile(hiveUnescape(regex.group(1)));

        var table = Pattern.compile("CREATE EXTERNAL TABLE alb_logs \\((.*?)\\n\\)", Pattern.DOTALL)
                .matcher(doc);
        assertThat(table.find()).as("alb_logs columns").isTrue();
        List<String> columns = table.group(1)
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(l -> l.split(" ")[0])
                .toList();

        var matcher = pattern.matcher(line);
        assertThat(matcher.matches()).as("the regex matches " + line).isTrue();
        assertThat(matcher.groupCount()).as("one group per column").isEqualTo(columns.size());
        var row = new LinkedHashMap<String, String>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), matcher.group(i + 1) == null ? "" : matcher.group(i + 1));
        }
        return row;
    }

    /** Athena (Hive) string literals: a backslash takes the next character as it is. */
    private static String hiveUnescape(String literal) {
        var out = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < literal.length()) {
                char next = literal.charAt(++i);
                out.append(next == '\\' || next == '"' || next == '\'' ? String.valueOf(next) : "\\" + next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
