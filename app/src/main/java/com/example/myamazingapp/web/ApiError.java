package com.example.myamazingapp.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import tools.jackson.databind.ObjectMapper;

/** The body of every error answered under /api. */
public record ApiError(int status, String error, String message) {

    public static ApiError of(HttpStatusCode status, String message) {
        var reason = status instanceof HttpStatus known ? known.getReasonPhrase() : String.valueOf(status.value());
        return new ApiError(status.value(), reason, message);
    }

    /** For filters (security) that answer before any controller runs. */
    public void writeTo(HttpServletResponse response, ObjectMapper json) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), this);
        // Sent now: a failure after this (the rest of a broken body cannot be read) must not replace the answer.
        response.flushBuffer();
    }
}
