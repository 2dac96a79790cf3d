package com.example.myamazingapp.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session saves the session when the answer is committed, after the request's work: with PostgreSQL gone by
 * then, a save that would only have moved the last-access time is given up (the answer stands), while a save of
 * anything else still fails. A PostgreSQL of its own, stopped under a real pool and the JDBC session repository.
 */
class SessionTouchWithoutDatabaseTest {

    @Test
    void withoutTheDatabaseOnlyATouchIsGivenUp() throws Exception {
        var postgres = EmbeddedPostgres.start();
        var stopped = false;
        try (var pool = new HikariDataSource()) {
            pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            pool.setConnectionTimeout(1000);
            new ResourceDatabasePopulator(
                            new ClassPathResource("org/springframework/session/jdbc/schema-postgresql.sql"))
                    .execute(pool);
            var sessions = new LazyTouchSessionRepository(new JdbcIndexedSessionRepository(
                    new JdbcTemplate(pool), new TransactionTemplate(new JdbcTransactionManager(pool))));
            var created = sessions.createSession();
            created.setAttribute("signed-in", "someone");
            sessions.save(created);
            var touched = sessions.findById(created.getId());
            var changed = sessions.findById(created.getId());
            var later = Instant.now().plus(LazyTouchSessionRepository.RESOLUTION.plus(Duration.ofSeconds(1)));
            touched.setLastAccessedTime(later);
            changed.setLastAccessedTime(later);
            changed.setAttribute("flash", "Deleted a file.");

            postgres.close();
            stopped = true;

            assertThatCode(() -> sessions.save(touched)).doesNotThrowAnyException();
            var refused = catchThrowable(() -> sessions.save(changed));
            assertThat(refused).isNotNull();
            assertThat(Problem.isDatabaseUnavailable(refused)).isTrue();
        } finally {
            if (!stopped) {
                postgres.close();
            }
        }
    }
}
