package com.example.myamazingapp.storage;

import java.time.Duration;

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

    @Bean
    ObjectStore objectStore(StorageProperties properties) {
        if (!properties.usesS3()) {
            return new LocalFolderObjectStore(properties.localFolder());
        }
        var builder = S3Client.builder()
                .region(Region.of(properties.region()))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(Duration.ofSeconds(60)))
                // The SDK's default (WHEN_SUPPORTED) adds aws-chunked streaming CRC trailers to every PUT, which
                // S3-compatible servers (S3Mock, MinIO versions, ...) reject. S3 itself does not require them, and we
                // compute our own SHA-256 of every upload, so send checksums only where an operation requires one.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (properties.endpoint() != null && !properties.endpoint().toString().isBlank()) {
            builder.endpointOverride(properties.endpoint()).forcePathStyle(true);
        }
        return new S3ObjectStore(builder.build(), properties.dataBucket());
    }
}
