package com.example.myamazingapp.reports;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Notes that an account signed in on a UTC day, for the "active users" series (uploads are recorded by the database:
 * migration V7). One row per account and day at most; recording again the same day changes nothing.
 */
@Component
class ActivityRecorder {

    private static final Logger log = LoggerFactory.getLogger(ActivityRecorder.class);

    private final JdbcClient jdbc;
    /** The day each account was last recorded by this instance; a few bytes per active account. */
    private final Map<String, LocalDate> recorded = new ConcurrentHashMap<>();

    ActivityRecorder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void onSignIn(AuthenticationSuccessEvent event) {
        String email = event.getAuthentication().getName().toLowerCase(Locale.ROOT);
        LocalDate today = today();
        // The API authenticates every request (HTTP Basic): write once per account and day, not once per call.
        if (today.equals(recorded.get(email))) {
            return;
        }
        try {
            jdbc.sql("""
                            insert into account_activity (account_id, day)
                            select id, :day from accounts where email = :email
                            on conflict do nothing""").param("day", today).param("email", email).update();
            recorded.put(email, today);
        } catch (DataAccessException e) {
            // A statistic is not worth a failed sign-in: the listener runs inside the authentication.
            log.warn("could not record today's activity of an account: {}", e.getMessage());
        }
    }

    private LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
