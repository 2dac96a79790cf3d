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
 * How an error reaches the user, whichever feature raised it: {status, error, message} as JSON under /api, the error
 * page with the same status and message elsewhere. Each feature's exception handler decides the status and message.
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
        if (request.getRequestURI().startsWith("/api/")) {
            ApiError.of(status, message).writeTo(response, json);
            return new ModelAndView(); // empty: the response is written, nothing to render
        }
        response.setStatus(status.value());
        var page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("error", status instanceof HttpStatus known ? known.getReasonPhrase() : "Error");
        page.addObject("message", message);
        return page;
    }
}
