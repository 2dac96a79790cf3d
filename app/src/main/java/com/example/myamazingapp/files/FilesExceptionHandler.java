package com.example.myamazingapp.files;

import com.example.myamazingapp.storage.StorageUnavailableException;
import com.example.myamazingapp.web.ErrorAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The files feature's errors as HTTP, for the pages and the API alike (before the web layer's fallback): a file that is
 * not the user's is 404, a refused upload 400 or 413, an unreachable store 503.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FilesExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(FilesExceptionHandler.class);

    private final UploadLimits limits;
    private final ErrorAnswer answer;

    FilesExceptionHandler(UploadLimits limits, ErrorAnswer answer) {
        this.limits = limits;
        this.answer = answer;
    }

    @ExceptionHandler
    ModelAndView notFound(StoredFileNotFoundException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return answer.of(HttpStatus.NOT_FOUND, e.getMessage(), request, response);
    }

    @ExceptionHandler
    ModelAndView refused(UploadRefusedException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        var status = switch (e.reason()) {
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case EMPTY, ENDED_EARLY -> HttpStatus.BAD_REQUEST;
        };
        return answer.of(status, e.getMessage(), request, response);
    }

    /** The servlet container's multipart limit (MAX_UPLOAD_SIZE), hit while a controller reads its file part. */
    @ExceptionHandler
    ModelAndView tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return answer.of(HttpStatus.CONTENT_TOO_LARGE, limits.tooLargeMessage(), request, response);
    }

    @ExceptionHandler
    ModelAndView storageUnavailable(
            StorageUnavailableException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        log.warn("Storage unavailable", e);
        return answer.of(HttpStatus.SERVICE_UNAVAILABLE, StorageUnavailableException.USER_MESSAGE, request, response);
    }
}
