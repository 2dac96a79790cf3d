package com.example.myamazingapp.accounts;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins within 15 minutes are counted per e-mail <em>and client address</em>: after {@value #MAX_FAILURES}
 * for one e-mail from one address, that address may not try that e-mail again until the failures are 15 minutes old, so
 * somebody else cannot lock the owner out. One address is also refused after {@value #MAX_FAILURES_PER_CLIENT} failures
 * over any e-mails (guessing across accounts). The client address is the request's remote address, which behind the
 * load balancer Tomcat takes from the last X-Forwarded-For hop (server.forward-headers-strategy=native). Kept in
 * PostgreSQL so that both tasks behind the load balancer count together.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final int MAX_FAILURES_PER_CLIENT = 50;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;

    LoginThrottle(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param locked this address may not try this e-mail now
     * @param failedBefore this address has recent failures for this e-mail, which a success should {@link #clear}
     */
    record Check(boolean locked, boolean failedBefore) {}

    Check check(String email, String client) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE email = :email AND client = :client) AS mine,
                               count(*) FILTER (WHERE client = :client) AS from_client
                        FROM login_failures
                        WHERE (email = :email OR client = :client)
                          AND failed_at > now() - make_interval(secs => :seconds)""")
                .param("email", email)
                .param("client", client)
                .param("seconds", WINDOW.toSeconds())
                .query((rs, row) -> new Check(
                        rs.getLong("mine") >= MAX_FAILURES || rs.getLong("from_client") >= MAX_FAILURES_PER_CLIENT,
                        rs.getLong("mine") > 0))
                .single();
    }

    void recordFailure(String email, String client) {
        jdbc.sql("INSERT INTO login_failures (email, client) VALUES (:email, :client)")
                .param("email", email)
                .param("client", client)
                .update();
        // Old rows are useless; dropping them here keeps the table small without a scheduled job.
        jdbc.sql("DELETE FROM login_failures WHERE failed_at < now() - make_interval(secs => :seconds)")
                .param("seconds", WINDOW.toSeconds())
                .update();
    }

    /** After a successful sign-in from {@code client}: its failures for that e-mail no longer count. */
    void clear(String email, String client) {
        jdbc.sql("DELETE FROM login_failures WHERE email = :email AND client = :client")
                .param("email", email)
                .param("client", client)
                .update();
    }
}
