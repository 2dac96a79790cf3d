package com.example.myamazingapp.accounts;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the account; empty when the e-mail is already taken (decided by the unique index, race-free). */
    Optional<Account> insert(String email, String passwordHash) {
        return jdbc.sql("""
                        INSERT INTO accounts (email, password_hash) VALUES (:email, :hash)
                        ON CONFLICT (email) DO NOTHING
                        RETURNING id, email, password_hash, created_at""")
                .param("email", email)
                .param("hash", passwordHash)
                .query(Account.class)
                .optional();
    }

    Optional<Account> findByEmail(String email) {
        return jdbc.sql("SELECT id, email, password_hash, created_at FROM accounts WHERE email = :email")
                .param("email", email)
                .query(Account.class)
                .optional();
    }

    void updatePasswordHash(long id, String passwordHash) {
        jdbc.sql("UPDATE accounts SET password_hash = :hash WHERE id = :id")
                .param("hash", passwordHash)
                .param("id", id)
                .update();
    }

    /** The rows that reference the account go with it (ON DELETE CASCADE): its files' rows, its activity. */
    void delete(long id) {
        jdbc.sql("DELETE FROM accounts WHERE id = :id").param("id", id).update();
    }
}
