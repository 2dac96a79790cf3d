package com.example.myamazingapp.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-API server for the tests: Adobe's S3Mock exec jar (copied to target/s3mock by the build), run as its own
 * process on 127.0.0.1 and a free port, once per test JVM, with the data bucket created at start; stopped when the JVM
 * ends.
 */
public final class TestS3 {

    public static final String BUCKET = "data";
    public static final String REGION = "us-east-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static Process process;
    private static URI endpoint;

    private TestS3() {}

    public static synchronized URI endpoint() {
        if (process == null) {
            start();
        }
        return endpoint;
    }

    public static S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** Every key in the data bucket under {@code prefix}. */
    public static List<String> keys(String prefix) {
        try (var s3 = client()) {
            return s3.listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix(prefix)).contents().stream()
                    .map(S3Object::key)
                    .toList();
        }
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void start() {
        // The SDK's default credentials chain reads these; S3Mock accepts any.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        var jar = Path.of("target/s3mock/s3mock.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the tests through Maven "
                    + "(./mvnw -pl app test), which copies the S3Mock exec jar there.");
        }
        int port = freePort();
        try {
            var root = Files.createTempDirectory("myamazingapp-s3mock");
            var java = ProcessHandle.current().info().command().orElse("java");
            var command = new ArrayList<>(List.of(
                    java,
                    "-Xmx512m",
                    "-jar",
                    jar.toString(),
                    "--server.address=127.0.0.1",
                    "--server.port=" + port,
                    "--server.ssl.enabled=false",
                    // S3Mock always opens a second HTTP connector (default 9090): a random port avoids clashes.
                    "--com.adobe.testing.s3mock.httpPort=0",
                    "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--com.adobe.testing.s3mock.max-payload-size=64MB"));
            var log = Path.of("target/s3mock/s3mock-" + port + ".log");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var self = process;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(self)));
            endpoint = URI.create("http://127.0.0.1:" + port);
            awaitReady(log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start S3Mock", e);
        }
    }

    private static void awaitReady(Path log) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited at start; see " + log.toAbsolutePath());
            }
            try {
                var response = http.send(
                        HttpRequest.newBuilder(endpoint.resolve("/" + BUCKET))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        stop(process);
        throw new IllegalStateException(
                "S3Mock did not answer within " + START_TIMEOUT + "; see " + log.toAbsolutePath());
    }

    private static void stop(Process s3mock) {
        s3mock.destroy();
        try {
            if (!s3mock.waitFor(10, TimeUnit.SECONDS)) {
                s3mock.destroyForcibly();
            }
        } catch (InterruptedException e) {
            s3mock.destroyForcibly();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
