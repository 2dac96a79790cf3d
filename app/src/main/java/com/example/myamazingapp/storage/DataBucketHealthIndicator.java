package com.example.myamazingapp.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** "dataBucket" in the readiness group: the load balancer sends no traffic to a task that cannot reach the bucket. */
@Component
class DataBucketHealthIndicator implements HealthIndicator {

    private final ObjectStore store;

    DataBucketHealthIndicator(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try {
            store.checkReachable();
            return Health.up().build();
        } catch (StorageUnavailableException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
