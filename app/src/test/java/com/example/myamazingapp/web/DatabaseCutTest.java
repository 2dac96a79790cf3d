package com.example.myamazingapp.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.myamazingapp.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL cutting a connection in the middle of a transaction (a failover, a fast shutdown: 57P01), as Spring
 * Session's read of the session meets it: Hikari closes the broken connection, so the rollback fails too, and the
 * exception that reaches the filters is the rollback's. It is still the database being away: 503, not 500.
 */
class DatabaseCutTest {

    @Test
    void aConnectionCutInsideATransactionIsTheDatabaseBeingUnavailable() {
        try (var pool = new HikariDataSource()) {
            pool.setJdbcUrl(TestDatabase.get().getJdbcUrl("postgres", "postgres"));
            pool.setMaximumPoolSize(1);
            var jdbc = new JdbcTemplate(pool);
            var admin = new JdbcTemplate(TestDatabase.get().getPostgresDatabase());

            var thrown = catchThrowable(() -> new TransactionTemplate(new JdbcTransactionManager(pool))
                    .executeWithoutResult(transaction -> {
                        var backend = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
                        admin.queryForObject("select pg_terminate_backend(?)", Boolean.class, backend);
                        jdbc.queryForObject("select 1", Integer.class);
                    }));

            assertThat(thrown).isInstanceOf(TransactionSystemException.class);
            assertThat(Problem.isDatabaseUnavailable(thrown)).isTrue();
            assertThat(Problem.of(thrown).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        }
    }
}
