package com.example.myamazingapp.web;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

import com.example.myamazingapp.files.UploadLimits;
import com.example.myamazingapp.storage.StorageUnavailableException;

/** Errors of the pages: the friendly error page with the right status and a message the user can act on. */
@ControllerAdvice
class PageExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    private final UploadLimits limits;

    PageExceptionHandler(UploadLimits limits) {
        this.limits = limits;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView other(Exception e, HttpServletResponse response) {
        if (e instanceof ErrorResponse error) {
            var detail = error.getBody().getDetail();
            return page(error.getStatusCode(), detail != null ? detail : e.getMessage(), response);
        }
        log.error("Unexpected error", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side; it has been logged.", response);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(HttpServletResponse response) {
        return page(HttpStatus.CONTENT_TOO_LARGE, limits.tooLargeMessage(), response);
    }

    @ExceptionHandler(StorageUnavailableException.class)
    ModelAndView storage(StorageUnavailableException e, HttpServletResponse response) {
        log.warn("Storage unavailable", e);
        return page(HttpStatus.SERVICE_UNAVAILABLE, StorageUnavailableException.USER_MESSAGE, response);
    }

    private static ModelAndView page(HttpStatusCode status, String message, HttpServletResponse response) {
        response.setStatus(status.value());
        var page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("error", status instanceof HttpStatus known ? known.getReasonPhrase() : "Error");
        page.addObject("message", message);
        return page;
    }
}
