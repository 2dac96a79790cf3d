package com.example.myamazingapp.web;

import com.example.myamazingapp.files.UploadLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.ObjectMapper;

/**
 * Errors of the pages: the friendly error page with the right status and a message the user can act on. Also the errors
 * raised before any controller is chosen (unknown path, method not allowed, over-sized multipart), which under /api are
 * answered as JSON like {@link ApiExceptionHandler} does.
 */
@ControllerAdvice
class PageExceptionHandler {

    private final UploadLimits limits;
    private final ObjectMapper json;

    PageExceptionHandler(UploadLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView handle(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var problem = Problem.of(e, limits);
        if (request.getRequestURI().startsWith("/api/")) {
            problem.toApiError().writeTo(response, json);
            return new ModelAndView(); // empty: the response is written, nothing to render
        }
        response.setStatus(problem.status().value());
        var page = new ModelAndView("error", problem.status());
        page.addObject("status", problem.status().value());
        page.addObject("error", problem.status() instanceof HttpStatus known ? known.getReasonPhrase() : "Error");
        page.addObject("message", problem.message());
        return page;
    }
}
