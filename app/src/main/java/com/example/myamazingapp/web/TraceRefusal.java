package com.example.myamazingapp.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * TRACE is refused like any other method no address accepts: a 405 in the API's shape or the error page. Tomcat would
 * answer it itself with a bare 405 and no body, so the connector lets it through to this filter, which never echoes the
 * request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class TraceRefusal extends OncePerRequestFilter {

    private final ErrorAnswer answer;

    TraceRefusal(ErrorAnswer answer) {
        this.answer = answer;
    }

    @Bean
    static TomcatConnectorCustomizer traceReachesTheApplication() {
        return connector -> connector.setAllowTrace(true);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"TRACE".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        var problem = new Problem(HttpStatus.METHOD_NOT_ALLOWED, "This address does not accept TRACE requests.");
        answer.outsideMvc(problem, request, response);
    }
}
