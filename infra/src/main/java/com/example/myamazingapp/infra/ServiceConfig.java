package com.example.myamazingapp.infra;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The ECS service of an environment: its Fargate tasks and the application settings their container gets. Keys in
 * infra/cdk.json: cpu, memoryMiB, desiredCount, maxCount, maxUploadSize, fargateSpot, containerInsights. The tasks run
 * on Graviton (ARM64), the architecture the pipeline builds the image for.
 *
 * @param cpu Fargate task CPU units
 * @param memoryMiB Fargate task memory
 * @param desiredCount tasks running normally; also the autoscaling minimum
 * @param maxCount autoscaling maximum
 * @param maxUploadSize MAX_UPLOAD_SIZE of the application, e.g. 100MB
 * @param fargateSpot run the tasks on Fargate Spot (about 70 % cheaper; a task may be stopped with two minutes' notice
 *     and Spot capacity may be missing for a while: for qa, never for prod)
 * @param containerInsights the cluster's Container Insights (per-task and per-container metrics; about 10 USD a month
 *     per environment in custom metrics). Off by default: the alarms and the dashboard read only ECS's free service
 *     metrics (the running tasks are the CPU metric's sample count); switch it on to investigate single tasks
 */
public record ServiceConfig(
        int cpu,
        int memoryMiB,
        int desiredCount,
        int maxCount,
        String maxUploadSize,
        boolean fargateSpot,
        boolean containerInsights) {

    /** Fargate's valid CPU (units) → memory (MiB) combinations, for the sizes a web application uses. */
    private static final Map<Integer, int[]> FARGATE_MEMORY = Map.of(
            256, new int[] {512, 1024, 2048},
            512, new int[] {1024, 2048, 3072, 4096},
            1024, new int[] {2048, 3072, 4096, 5120, 6144, 7168, 8192},
            2048, range(4096, 16384),
            4096, range(8192, 30720));

    static ServiceConfig read(ContextReader context) {
        return new ServiceConfig(
                context.requiredWhole("cpu"),
                context.requiredWhole("memoryMiB"),
                context.requiredWhole("desiredCount"),
                context.requiredWhole("maxCount"),
                context.requiredText("maxUploadSize"),
                context.requiredBool("fargateSpot"),
                context.requiredBool("containerInsights"));
    }

    void validate(Problems problems) {
        var memories = FARGATE_MEMORY.get(cpu);
        problems.check(
                memories != null && Arrays.stream(memories).anyMatch(m -> m == memoryMiB),
                "cpu/memoryMiB " + cpu + "/" + memoryMiB + " is not a Fargate task size (e.g. 512/1024, 1024/2048)");
        problems.check(desiredCount >= 1, "desiredCount must be at least 1 (was " + desiredCount + ")");
        problems.check(
                maxCount >= desiredCount && maxCount <= 20,
                "maxCount must be between desiredCount and 20 (was " + maxCount + ")");
    }

    private static int[] range(int from, int to) {
        return IntStream.iterate(from, m -> m <= to, m -> m + 1024).toArray();
    }
}
