package com.example.myamazingapp.accounts;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * After {@value #MAX_FAILURES} failed sign-ins for one e-mail within 15 minutes, further attempts are refused until
 * the failures are 15 minutes old. Kept in PostgreSQL so that both tasks behind the load balancer count together.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;

    LoginThrottle(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isLocked(String email) {
        var failures = jdbc.sql("""
                        SELECT count(*) FROM login_failures
                        WHERE email = :email AND failed_at > now() - make_interval(secs => :seconds)""")
                .param("email", email)
                .param("seconds", WINDOW.toSeconds())
                .query(Long.class)
                .single();
        return failures >= MAX_FAILURES;
    }

    void recordFailure(String email) {
        jdbc.sql("INSERT INTO login_failures (email) VALUES (:email)").param("email", email).update();
        // Old rows are useless; dropping them here keeps the table small without a scheduled job.
        jdbc.sql("DELETE FROM login_failures WHERE failed_at < now() - make_interval(secs => :seconds)")
                .param("seconds", WINDOW.toSeconds())
                .update();
    }

    void clear(String email) {
        jdbc.sql("DELETE FROM login_failures WHERE email = :email").param("email", email).update();
    }
}
