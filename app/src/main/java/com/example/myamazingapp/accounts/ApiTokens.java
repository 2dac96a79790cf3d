package com.example.myamazingapp.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Personal access tokens: 256 random bits, given to the owner once and stored only as their SHA-256. A fast hash is
 * right here (unlike passwords): the token has full entropy, so checking it costs one indexed look-up, not 100 ms of
 * bcrypt per API call.
 */
@Component
class ApiTokens {

    static final String PREFIX = "mya_";
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_TOKENS_PER_ACCOUNT = 50;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String LIST = """
            select id, name, created_at, last_used_at from api_tokens
            where account_id = :accountId order by created_at, id""";

    private final JdbcClient jdbc;

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A token that was just created: the only moment its value exists outside the caller. */
    record Created(ApiToken token, String value) {}

    Created create(long accountId, String name) {
        var trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > MAX_NAME_LENGTH) {
            throw invalid("Name the token (1 to " + MAX_NAME_LENGTH + " characters), e.g. \"backup script\".");
        }
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        var value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // One statement: the limit holds even when two tokens are created at once for the same account.
        var token = jdbc.sql("""
                        insert into api_tokens (account_id, name, token_hash)
                        select :accountId, :name, :hash
                        where (select count(*) from api_tokens where account_id = :accountId) < :max
                        returning id, name, created_at, last_used_at""")
                .param("accountId", accountId)
                .param("name", trimmed)
                .param("hash", sha256(value))
                .param("max", MAX_TOKENS_PER_ACCOUNT)
                .query(ApiToken.class)
                .optional()
                .orElseThrow(() -> invalid(
                        "You have " + MAX_TOKENS_PER_ACCOUNT + " tokens already; revoke one you no longer use."));
        return new Created(token, value);
    }

    List<ApiToken> of(long accountId) {
        return jdbc.sql(LIST)
                .param("accountId", accountId)
                .query(ApiToken.class)
                .list();
    }

    /** Deletes the token; false when the account has no such token (another account's id is simply not found). */
    boolean revoke(long accountId, long id) {
        return jdbc.sql("delete from api_tokens where id = :id and account_id = :accountId")
                        .param("id", id)
                        .param("accountId", accountId)
                        .update()
                == 1;
    }

    /**
     * The account a token belongs to, empty for an unknown or revoked one. One read per call; last_used_at is written
     * only when it is more than a minute old, so a busy script costs a write a minute, not a write a call.
     */
    Optional<CurrentAccount> authenticate(String value) {
        if (value == null || !value.startsWith(PREFIX) || value.length() > 100) {
            return Optional.empty();
        }
        var hit = jdbc.sql("""
                        select t.id, a.id as account_id, a.email,
                               t.last_used_at is null or t.last_used_at < now() - interval '1 minute' as stale
                        from api_tokens t join accounts a on a.id = t.account_id
                        where t.token_hash = :hash""")
                .param("hash", sha256(value))
                .query((rs, row) -> new Hit(
                        rs.getLong("id"),
                        new CurrentAccount(rs.getLong("account_id"), rs.getString("email")),
                        rs.getBoolean("stale")))
                .optional();
        hit.filter(Hit::stale)
                .ifPresent(stale -> jdbc.sql("update api_tokens set last_used_at = now() where id = :id")
                        .param("id", stale.id())
                        .update());
        return hit.map(Hit::account);
    }

    private record Hit(long id, CurrentAccount account, boolean stale) {}

    private static ResponseStatusException invalid(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
