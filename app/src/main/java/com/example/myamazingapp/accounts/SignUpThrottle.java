package com.example.myamazingapp.accounts;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At most {@value #MAX_PER_CLIENT} sign-ups per client address within 15 minutes, counted whether the e-mail was free
 * or taken: the answer tells which, so without a limit anyone could test at will which e-mails have an account. The
 * client address is the one the sign-in throttle uses (behind the load balancer, the last X-Forwarded-For hop).
 */
@Component
class SignUpThrottle {

    static final int MAX_PER_CLIENT = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final String MESSAGE = "Too many sign-ups from your address. Try again in 15 minutes.";

    private final JdbcClient jdbc;

    SignUpThrottle(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one sign-up from {@code client}; false, counting nothing, when the address has had its share. */
    boolean tryAcquire(String client) {
        jdbc.sql("DELETE FROM sign_up_attempts WHERE attempted_at < now() - make_interval(secs => :seconds)")
                .param("seconds", WINDOW.toSeconds())
                .update();
        return jdbc.sql("""
                        INSERT INTO sign_up_attempts (client)
                        SELECT :client
                        WHERE (SELECT count(*) FROM sign_up_attempts
                               WHERE client = :client
                                 AND attempted_at > now() - make_interval(secs => :seconds)) < :max""")
                        .param("client", client)
                        .param("seconds", WINDOW.toSeconds())
                        .param("max", MAX_PER_CLIENT)
                        .update()
                == 1;
    }
}
