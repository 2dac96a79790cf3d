package com.example.myamazingapp.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id, put in the logging MDC (so every log line of the request carries it) and returned as
 * X-Request-Id. Behind the ALB the id is its X-Amzn-Trace-Id, so our logs join the load balancer's access logs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);
    public static final String TRACE_HEADER = "X-Amzn-Trace-Id";
    public static final String RESPONSE_HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    // The header is client-controlled when not set by the ALB: accept only a short, log-safe value.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9=;:._-]{1,200}");

    private final ErrorAnswer answer;

    RequestIdFilter(ErrorAnswer answer) {
        this.answer = answer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var incoming = request.getHeader(TRACE_HEADER);
        var requestId = incoming != null && SAFE.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
        MDC.put(MDC_KEY, requestId);
        response.setHeader(RESPONSE_HEADER, requestId);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            answer(e, request, response);
        } finally {
            // One line per request (health checks excepted: the load balancer polls them all day).
            if (!request.getRequestURI().startsWith("/actuator/health")) {
                log.info(
                        "{} {} -> {} in {} ms",
                        request.getMethod(),
                        request.getRequestURI(),
                        response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            MDC.remove(MDC_KEY);
        }
    }

    /**
     * An exception that escaped the filters (the security chain, the multipart parsing) is answered here, while the
     * request id is still in the MDC: otherwise the container logs it without the id and answers with its own page.
     */
    private void answer(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            log.warn("Error after the answer had started; the connection is closed", e);
            return;
        }
        answer.outsideMvc(Problem.of(e), request, response);
    }
}
