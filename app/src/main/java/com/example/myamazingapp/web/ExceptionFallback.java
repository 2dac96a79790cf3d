package com.example.myamazingapp.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Whatever no feature's exception handler took (they come first): the framework's own errors, including those raised
 * before any controller is chosen (unknown path, method not allowed), and the unexpected ones, as JSON under /api and
 * as the error page elsewhere.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ExceptionFallback {

    /**
     * A client that went away mid-answer (a cancelled download, a closed tab) is neither our error nor anybody's to
     * read: one DEBUG line ("Looks like the client has gone away"), no stack trace, instead of an ERROR per abort.
     */
    private static final DisconnectedClientHelper DISCONNECTED =
            new DisconnectedClientHelper("com.example.myamazingapp.web.DisconnectedClient");

    private final ErrorAnswer answer;

    ExceptionFallback(ErrorAnswer answer) {
        this.answer = answer;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView handle(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (DISCONNECTED.checkAndLogClientDisconnectedException(e)) {
            return new ModelAndView(); // nobody left to answer
        }
        var problem = Problem.of(e);
        return answer.of(problem.status(), problem.message(), request, response);
    }
}
