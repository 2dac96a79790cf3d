package com.example.myamazingapp.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Whatever no feature's exception handler took (they come first): the framework's own errors, including those raised
 * before any controller is chosen (unknown path, method not allowed), and the unexpected ones, as JSON under /api and
 * as the error page elsewhere.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ExceptionFallback {

    private final ErrorAnswer answer;

    ExceptionFallback(ErrorAnswer answer) {
        this.answer = answer;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView handle(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var problem = Problem.of(e);
        return answer.of(problem.status(), problem.message(), request, response);
    }
}
