package com.example.myamazingapp.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Replaces Spring Boot's error controller, the last stop of every error the container handles (a filter's sendError, a
 * CSRF refusal, an exception no handler caught): the same answers as the exception handlers, never the exception's own
 * message.
 */
@Controller
class ErrorPages implements ErrorController {

    private final ErrorAnswer answer;

    ErrorPages(ErrorAnswer answer) {
        this.answer = answer;
    }

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var problem = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable e
                ? Problem.of(e)
                : Problem.ofStatus(
                        request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status
                                ? status
                                : 500,
                        request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String sent ? sent : null);
        var path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri : null;
        return answer.of(problem.status(), problem.message(), path, response); // null: the JSON is written
    }
}
