package com.example.myamazingapp.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import com.example.myamazingapp.accounts.SignUpException;
import com.example.myamazingapp.files.UploadLimits;
import com.example.myamazingapp.storage.StorageUnavailableException;

/** Errors of the JSON API: always {status, error, message}. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final UploadLimits limits;

    ApiExceptionHandler(UploadLimits limits) {
        this.limits = limits;
    }

    /** Spring's own exceptions (ResponseStatusException, missing parameter, ...) know their status; others are 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> other(Exception e) {
        if (e instanceof ErrorResponse response) {
            var detail = response.getBody().getDetail();
            return body(ApiError.of(response.getStatusCode(), detail != null ? detail : e.getMessage()));
        }
        log.error("Unexpected error", e);
        return body(ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side; it has been logged."));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge() {
        return body(ApiError.of(HttpStatus.CONTENT_TOO_LARGE, limits.tooLargeMessage()));
    }

    @ExceptionHandler(SignUpException.class)
    ResponseEntity<ApiError> signUp(SignUpException e) {
        return body(ApiError.of(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    @ExceptionHandler(StorageUnavailableException.class)
    ResponseEntity<ApiError> storage(StorageUnavailableException e) {
        log.warn("Storage unavailable", e);
        return body(ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, StorageUnavailableException.USER_MESSAGE));
    }

    private static ResponseEntity<ApiError> body(ApiError error) {
        return ResponseEntity.status(error.status()).body(error);
    }
}
