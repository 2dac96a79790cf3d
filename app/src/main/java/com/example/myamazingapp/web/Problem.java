package com.example.myamazingapp.web;

import jakarta.servlet.ServletException;
import java.io.EOFException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.apache.catalina.connector.ClientAbortException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What a framework or unexpected exception means for the user: one status and one message, for the pages and the API
 * alike. The features' own exceptions are mapped by their own handlers. The message is always ours: an exception's own
 * text (which may name SQL, tables, classes or servers) never reaches an answer.
 */
record Problem(HttpStatusCode status, String message) {

    private static final Logger log = LoggerFactory.getLogger(Problem.class);
    static final String NOT_FOUND = "There is nothing at this address.";
    static final String UNEXPECTED = "Something went wrong on our side; it has been logged.";

    /** What the user is told while PostgreSQL cannot be reached, on the pages and in the API alike. */
    static final String DATABASE_UNAVAILABLE =
            "The database is unavailable right now; nothing was changed. Please try again in a minute.";

    /** A filter's or the container's exception may wrap the one that says what happened. */
    static Problem of(Throwable thrown) {
        var e = thrown;
        while (e instanceof ServletException wrapper && wrapper.getRootCause() != null) {
            e = wrapper.getRootCause();
        }
        return switch (e) {
            case TypeMismatchException mismatch ->
                new Problem(
                        HttpStatus.BAD_REQUEST,
                        "Invalid " + (mismatch.getPropertyName() != null ? mismatch.getPropertyName() : "value") + ".");
            case HttpMessageNotReadableException unreadable ->
                new Problem(
                        HttpStatus.BAD_REQUEST,
                        "The request body could not be read; send JSON like the documentation shows.");
            case MultipartException multipart -> badMultipart();
            // Tomcat's, when a filter (CSRF) asks for a form field of a body it cannot parse.
            case InvalidParameterException invalid when causedBy(invalid, FileUploadException.class) -> badMultipart();
            case InvalidParameterException invalid ->
                new Problem(HttpStatus.BAD_REQUEST, "The form data could not be read; please send the form again.");
            case EOFException ended -> endedEarly();
            case ClientAbortException aborted -> endedEarly();
            case NoResourceFoundException missing -> new Problem(HttpStatus.NOT_FOUND, NOT_FOUND);
            case NoHandlerFoundException missing -> new Problem(HttpStatus.NOT_FOUND, NOT_FOUND);
            case HttpRequestMethodNotSupportedException method ->
                new Problem(
                        HttpStatus.METHOD_NOT_ALLOWED,
                        "This address does not accept " + method.getMethod() + " requests.");
            case HttpMediaTypeNotAcceptableException notAcceptable ->
                new Problem(
                        HttpStatus.NOT_ACCEPTABLE,
                        "This address answers in JSON only: accept application/json. Nothing was changed.");
            case HttpMediaTypeNotSupportedException unsupported ->
                new Problem(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "This address does not accept a body of that Content-Type; see the documentation.");
            case ErrorResponse response ->
                new Problem(
                        response.getStatusCode(),
                        response.getBody().getDetail() != null
                                ? response.getBody().getDetail()
                                : ofStatus(response.getStatusCode().value(), null)
                                        .message());
            case Throwable database
            when isDatabaseUnavailable(database) -> {
                log.warn("Database unavailable: {}", database.toString());
                yield new Problem(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE);
            }
            default -> {
                log.error("Unexpected error", e);
                yield new Problem(HttpStatus.INTERNAL_SERVER_ERROR, UNEXPECTED);
            }
        };
    }

    /**
     * Whether {@code e} comes from not reaching PostgreSQL: no connection from the pool in time (Hikari), a refused or
     * broken connection (SQL state class 08), or the server shutting down (57P01-57P03); not a bad query. A connection
     * cut in the middle of a transaction also fails its rollback (Hikari has closed it): the exception that says why is
     * then the rollback's hidden one.
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransactionSystemException failed
                    && failed.getApplicationException() != null
                    && isDatabaseUnavailable(failed.getApplicationException())) {
                return true;
            }
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

    /**
     * An error the container or a filter answered with a bare status (sendError): a message of ours for it. Only an
     * upload limit's message (413, from files.OversizedUploadFilter) is taken from the sender.
     */
    static Problem ofStatus(int status, String sentMessage) {
        var code = HttpStatusCode.valueOf(status);
        var message = switch (status) {
            case 400 -> "The request could not be understood; check it against the documentation.";
            case 401 -> "Sign in first.";
            case 403 ->
                "You may not do that. If you were sending a form, it was out of date:"
                        + " reload the page and try again.";
            case 404 -> NOT_FOUND;
            case 405 -> "This address does not accept this kind of request.";
            case 413 ->
                sentMessage != null && !sentMessage.isBlank()
                        ? sentMessage
                        : "The file is larger than the upload limit. Nothing was stored.";
            default -> code.is5xxServerError() ? UNEXPECTED : "The request could not be served.";
        };
        return new Problem(code, message);
    }

    private static Problem badMultipart() {
        return new Problem(
                HttpStatus.BAD_REQUEST,
                "The upload is not a complete multipart/form-data body (its boundary is missing or it ended early)."
                        + " Nothing was stored; please send the file again.");
    }

    /** The client stopped sending (or went away): its problem, not an error of ours. */
    private static Problem endedEarly() {
        return new Problem(
                HttpStatus.BAD_REQUEST,
                "The upload ended before all of its bytes arrived. Nothing was stored; please send the file again.");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
