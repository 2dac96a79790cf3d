package com.example.myamazingapp.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The application's own host name is configuration (APP_HOST, the domain the infrastructure serves), never what the
 * request says: when it is set, a request whose Host or X-Forwarded-Host names another host is seen with APP_HOST, so
 * nothing built from the request (an absolute redirect, a link) can point elsewhere. Redirects are relative anyway.
 * Without APP_HOST (local runs) requests are left as they are.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ConfiguredHostFilter extends OncePerRequestFilter {

    private final String host;

    ConfiguredHostFilter(@Value("${app.host:}") String host) {
        this.host = host.strip();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (host.isEmpty() || host.equalsIgnoreCase(request.getServerName())) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new ConfiguredHostRequest(request, host), response);
    }

    private static final class ConfiguredHostRequest extends HttpServletRequestWrapper {

        private final String host;

        ConfiguredHostRequest(HttpServletRequest request, String host) {
            super(request);
            this.host = host;
        }

        @Override
        public String getServerName() {
            return host;
        }

        @Override
        public String getHeader(String name) {
            return isHost(name) ? host : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isHost(name) ? Collections.enumeration(java.util.List.of(host)) : super.getHeaders(name);
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(getScheme()).append("://").append(host).append(getRequestURI());
        }

        private static boolean isHost(String name) {
            return "Host".equalsIgnoreCase(name) || "X-Forwarded-Host".equalsIgnoreCase(name);
        }
    }
}
