package com.example.myamazingapp.files;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A form posted without JavaScript carries its CSRF token inside the multipart body, so the CSRF filter makes Tomcat
 * parse the body, and Tomcat throws when a part is over the limit: without this filter that surfaces as a 500. It
 * becomes the 413 (and the error page) that the controllers give for the same case.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class OversizedUploadFilter extends OncePerRequestFilter {

    private final UploadLimits limits;

    OversizedUploadFilter(UploadLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException e) {
            if (!isSizeLimit(e) || response.isCommitted()) {
                throw e;
            }
            response.sendError(HttpStatus.CONTENT_TOO_LARGE.value(), limits.tooLargeMessage());
        }
    }

    private static boolean isSizeLimit(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SizeException) {
                return true;
            }
        }
        return false;
    }
}
