package com.example.myamazingapp.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions in PostgreSQL (Spring Session JDBC), touched at most once a minute and read at most once per request
 * ({@link LazyTouchSessionRepository}). Enabled here rather than by Boot, whose JDBC session configuration steps back
 * as soon as there is another session repository; so the timeout (server.servlet.session.timeout) is applied here too.
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcHttpSession
class SessionConfiguration {

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionTimeout(
            @Value("${server.servlet.session.timeout}") Duration timeout) {
        return sessions -> sessions.setDefaultMaxInactiveInterval(timeout);
    }

    /** Primary, so that Spring Session's request filter uses it; the JDBC repository still cleans up expired rows. */
    @Bean
    @Primary
    LazyTouchSessionRepository lazyTouchSessionRepository(JdbcIndexedSessionRepository sessions) {
        return new LazyTouchSessionRepository(sessions);
    }

    /** Just outside Spring Session's filter, so that its reads of one request share one look-up. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> sessionReadOncePerRequest() {
        var filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                LazyTouchSessionRepository.inRequest(() -> chain.doFilter(request, response));
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        return registration;
    }
}
