package com.example.myamazingapp.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * While PostgreSQL is unreachable (an RDS failover, a restart), the session, sign-in and account look-ups fail in the
 * filters, before any controller and the exception handlers run. This filter, outside the session and security filters,
 * turns such a failure into the same 503 the controllers answer: {status, error, message} under /api, the error page
 * elsewhere. Nothing is cached: the next request tries the pool again, so the service recovers by itself when the
 * database returns.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ErrorAnswer answer;
    private final ThymeleafViewResolver views;

    DatabaseUnavailableFilter(ErrorAnswer answer, ThymeleafViewResolver views) {
        this.answer = answer;
        this.views = views;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!Problem.isDatabaseUnavailable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unavailable: {}", e.toString());
            answer(request, response);
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.resetBuffer();
        var page = answer.of(HttpStatus.SERVICE_UNAVAILABLE, Problem.DATABASE_UNAVAILABLE, request, response);
        if (page.getViewName() == null) {
            return; // /api: the JSON is written
        }
        try {
            views.resolveViewName(page.getViewName(), request.getLocale()).render(page.getModel(), request, response);
        } catch (Exception e) {
            throw new ServletException("Could not render the error page", e);
        }
    }
}
