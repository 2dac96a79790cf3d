package com.example.myamazingapp.storage;

import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

    /** The embedded default, and only then: with no DATA_BUCKET the bytes stay in a local folder. */
    @Bean
    ObjectStore objectStore(StorageProperties properties, ObjectProvider<S3Client> s3) {
        var client = s3.getIfAvailable();
        return client == null
                ? new LocalFolderObjectStore(properties.localFolder())
                : new S3ObjectStore(client, properties.dataBucket());
    }

    /** Also used by the reports feature for its bucket. */
    @Bean
    @ConditionalOnExpression("'${app.storage.data-bucket:}' != ''")
    S3Client s3Client(StorageProperties properties) {
        return s3Client(properties.region(), properties.endpoint());
    }

    static S3Client s3Client(String region, URI endpoint) {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(Duration.ofSeconds(60)))
                // The SDK's default (WHEN_SUPPORTED) adds aws-chunked streaming CRC trailers to every PUT, which
                // S3-compatible servers (S3Mock, MinIO versions, ...) reject. S3 itself does not require them, and we
                // compute our own SHA-256 of every upload, so send checksums only where an operation requires one.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null && !endpoint.toString().isBlank()) {
            builder.endpointOverride(endpoint).forcePathStyle(true);
        }
        return builder.build();
    }
}
