package com.example.myamazingapp.files;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The one way a stored file is sent back, for the pages and the API alike. */
final class Downloads {

    private Downloads() {}

    static ResponseEntity<InputStreamResource> of(StoredFile file, InputStream content) {
        return ResponseEntity.ok()
                // attachment: never rendered inline, whatever content type the uploader declared
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.originalName(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .contentType(MediaType.parseMediaType(file.contentType()))
                .contentLength(file.sizeBytes())
                .body(new InputStreamResource(content));
    }
}
