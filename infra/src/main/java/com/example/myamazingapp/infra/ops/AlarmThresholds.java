package com.example.myamazingapp.infra.ops;

/**
 * Where each alarm of {@link Alarms} fires, per environment (docs/operations.md, "Alarms").
 *
 * @param errorRatePercent share of requests answered 5xx over 5 minutes, by the targets or by the load balancer itself
 * @param minRequests requests per 5 minutes below which the error rate counts as 0: on a quiet environment one failed
 *     request out of three is no outage
 * @param p99LatencySeconds the targets' 99th percentile response time over 5 minutes
 * @param serviceCpuPercent the service's average CPU over 15 minutes (autoscaling aims at 60)
 * @param serviceMemoryPercent the service's average memory over 15 minutes
 * @param dbCpuPercent the database's CPU over 15 minutes
 * @param dbFreeStorageGiB free database storage (storage autoscaling grows it at 10% free, up to its ceiling)
 * @param dbFreeableMemoryMiB the database's freeable memory over 15 minutes
 * @param dbConnections open database connections over 15 minutes (each task's pool holds at most 10)
 */
public record AlarmThresholds(
        double errorRatePercent,
        int minRequests,
        double p99LatencySeconds,
        int serviceCpuPercent,
        int serviceMemoryPercent,
        int dbCpuPercent,
        int dbFreeStorageGiB,
        int dbFreeableMemoryMiB,
        int dbConnections) {}
