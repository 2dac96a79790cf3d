package com.example.myamazingapp.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;

/**
 * What a framework or unexpected exception means for the user: one status and one message, for the pages and the API
 * alike. The features' own exceptions are mapped by their own handlers.
 */
record Problem(HttpStatusCode status, String message) {

    private static final Logger log = LoggerFactory.getLogger(Problem.class);

    /** What the user is told while PostgreSQL cannot be reached, on the pages and in the API alike. */
    static final String DATABASE_UNAVAILABLE =
            "The database is unavailable right now; nothing was changed. Please try again in a minute.";

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
            case Exception database
            when isDatabaseUnavailable(database) -> {
                log.warn("Database unavailable: {}", database.toString());
                yield new Problem(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE);
            }
            default -> {
                log.error("Unexpected error", e);
                yield new Problem(
                        HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side; it has been logged.");
            }
        };
    }

    /**
     * Whether {@code e} comes from not reaching PostgreSQL: no connection from the pool in time (Hikari), a refused or
     * broken connection (SQL state class 08), or the server shutting down (57P01-57P03); not a bad query.
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
