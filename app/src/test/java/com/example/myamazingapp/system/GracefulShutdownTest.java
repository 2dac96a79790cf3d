package com.example.myamazingapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.myamazingapp.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;

/**
 * On SIGTERM the requests in flight may finish, and the application then closes before ECS kills the task: ECS sends
 * SIGKILL the container's stop timeout after SIGTERM (30 s, infra Service). With a graceful phase as long as that, the
 * kill came first: the rehearsal's drained instance with uploads in flight was killed, not closed.
 */
class GracefulShutdownTest extends IntegrationTest {

    static final Duration ECS_STOP_TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    ServerProperties server;

    @Autowired
    LifecycleProperties lifecycle;

    @Test
    void requestsInFlightGetTimeToFinishAndTheCloseEndsBeforeEcsKillsTheTask() {
        assertThat(server.getShutdown()).isEqualTo(Shutdown.GRACEFUL);
        // What is left after the wait closes the pool, the S3 client and the scheduler: seconds, never ten.
        assertThat(lifecycle.getTimeoutPerShutdownPhase()).isLessThanOrEqualTo(ECS_STOP_TIMEOUT.minusSeconds(10));
    }
}
