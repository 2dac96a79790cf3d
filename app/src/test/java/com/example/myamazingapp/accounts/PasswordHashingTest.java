package com.example.myamazingapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordHashingTest {

    @Test
    void checksFromManyVirtualThreadsRunOnThePlatformPoolAtMostOnePerThreadAtOnce() throws Exception {
        var running = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        var ranOnVirtualThread = new AtomicBoolean();
        var release = new CountDownLatch(1);
        PasswordEncoder slow = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return "hash";
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                ranOnVirtualThread.compareAndSet(false, Thread.currentThread().isVirtual());
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    return release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    running.decrementAndGet();
                }
            }
        };

        try (var hashing = new PasswordHashing(slow, 2);
                var requests = Executors.newVirtualThreadPerTaskExecutor()) {
            var checks = new ArrayList<Future<Boolean>>();
            for (int i = 0; i < 8; i++) {
                checks.add(requests.submit(() -> hashing.matches("password", "hash")));
            }
            for (int i = 0; i < 3000 && running.get() < 2; i++) {
                Thread.sleep(10);
            }
            release.countDown();
            for (var check : checks) {
                assertThat(check.get(60, TimeUnit.SECONDS)).isTrue();
            }
        }

        assertThat(mostAtOnce.get()).isEqualTo(2);
        assertThat(ranOnVirtualThread.get()).isFalse();
    }
}
