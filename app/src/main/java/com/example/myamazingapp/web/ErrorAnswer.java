package com.example.myamazingapp.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.ObjectMapper;

/**
 * How an error reaches the user, whichever feature raised it: {status, error, message} as JSON under /api (written
 * directly, whatever the request's Accept says: an error is better said than refused), the error page with the same
 * status and message elsewhere. Each feature's exception handler decides the status and message.
 */
@Component
public class ErrorAnswer {

    private final ObjectMapper json;

    ErrorAnswer(ObjectMapper json) {
        this.json = json;
    }

    public ModelAndView of(
            HttpStatusCode status, String message, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        var page = of(status, message, request.getRequestURI(), response);
        return page != null ? page : new ModelAndView(); // empty: the response is written, nothing to render
    }

    /** Null when nothing is left to render: the JSON is written, or the request was answered already. */
    ModelAndView of(HttpStatusCode status, String message, String path, HttpServletResponse response)
            throws IOException {
        if (response.isCommitted()) {
            return null; // the first of two failures of one request was answered: nothing more can be said
        }
        if (isApi(path)) {
            response.resetBuffer();
            ApiError.of(status, message).writeTo(response, json);
            return null;
        }
        response.setStatus(status.value());
        var page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("error", status instanceof HttpStatus known ? known.getReasonPhrase() : "Error");
        page.addObject("message", message);
        return page;
    }

    /**
     * For filters, which cannot render a page: JSON under /api, else the bare status, which the container renders
     * through {@link ErrorPages} with our message for it.
     */
    void outsideMvc(Problem problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        if (isApi(request.getRequestURI())) {
            of(problem.status(), problem.message(), request.getRequestURI(), response);
        } else {
            response.sendError(problem.status().value());
        }
    }

    static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }
}
