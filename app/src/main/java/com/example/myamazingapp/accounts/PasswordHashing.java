package com.example.myamazingapp.accounts;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Runs the password encoder (bcrypt, ~100 ms of CPU per call) on a small pool of platform threads, one per core, and
 * parks the calling request meanwhile.
 *
 * <p>Why: requests run on virtual threads, which share as many carrier threads as there are cores and are never
 * preempted. Under a burst of HTTP Basic calls or sign-ins every carrier was busy with bcrypt, so the virtual threads
 * that held a database connection could not run to give it back: the 10-connection pool ran dry (500s after the 10 s
 * connection timeout) while PostgreSQL was idle. On platform threads bcrypt is preempted by the operating system like
 * any other thread, the carriers keep running the requests that hold connections, and at most one bcrypt per core runs
 * at once; the rest wait, holding no connection.
 */
final class PasswordHashing implements PasswordEncoder, AutoCloseable {

    private final PasswordEncoder delegate;
    private final ExecutorService pool;

    PasswordHashing(PasswordEncoder delegate, int threads) {
        this.delegate = delegate;
        this.pool = Executors.newFixedThreadPool(
                threads,
                Thread.ofPlatform().name("password-hashing-", 1).daemon().factory());
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return await(pool.submit(() -> delegate.encode(rawPassword)));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return await(pool.submit(() -> delegate.matches(rawPassword, encodedPassword)));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private static <T> T await(Future<T> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking a password", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
