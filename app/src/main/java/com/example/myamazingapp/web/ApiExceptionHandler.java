package com.example.myamazingapp.web;

import com.example.myamazingapp.files.UploadLimits;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the JSON API: always {status, error, message}. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private final UploadLimits limits;

    ApiExceptionHandler(UploadLimits limits) {
        this.limits = limits;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> handle(Exception e) {
        var error = Problem.of(e, limits).toApiError();
        return ResponseEntity.status(error.status()).body(error);
    }
}
