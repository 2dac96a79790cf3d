package com.example.myamazingapp.storage;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dataBucket DATA_BUCKET; when empty the local folder store is used
 * @param endpoint S3_ENDPOINT, for S3-compatible servers (path-style addressing)
 * @param region AWS_REGION
 * @param localFolder where the local store keeps objects
 */
@ConfigurationProperties("app.storage")
public record StorageProperties(String dataBucket, URI endpoint, String region, Path localFolder) {}
