package com.example.myamazingapp.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;

/**
 * What a framework or unexpected exception means for the user: one status and one message, for the pages and the API
 * alike. The features' own exceptions are mapped by their own handlers.
 */
record Problem(HttpStatusCode status, String message) {

    private static final Logger log = LoggerFactory.getLogger(Problem.class);

    static Problem of(Exception e) {
        return switch (e) {
            case TypeMismatchException mismatch ->
                new Problem(
                        HttpStatus.BAD_REQUEST,
                        "Invalid " + (mismatch.getPropertyName() != null ? mismatch.getPropertyName() : "value") + ": "
                                + mismatch.getValue());
            case HttpMessageNotReadableException unreadable ->
                new Problem(
                        HttpStatus.BAD_REQUEST,
                        "The request body could not be read; send JSON like the documentation shows.");
            case ErrorResponse response ->
                new Problem(
                        response.getStatusCode(),
                        response.getBody().getDetail() != null
                                ? response.getBody().getDetail()
                                : e.getMessage());
            default -> {
                log.error("Unexpected error", e);
                yield new Problem(
                        HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side; it has been logged.");
            }
        };
    }
}
