package com.example.myamazingapp.accounts;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} on /api: the fast path (one indexed look-up, see {@link ApiTokens}). A request
 * without a bearer token goes on to HTTP Basic; an unknown or revoked token is answered 401 at once.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;
    private final AuthenticationEventPublisher events;
    private final AuthenticationEntryPoint entryPoint;

    ApiTokenFilter(ApiTokens tokens, AuthenticationEventPublisher events, AuthenticationEntryPoint entryPoint) {
        this.tokens = tokens;
        this.events = events;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        var account = tokens.authenticate(header.substring(BEARER.length()).strip());
        if (account.isEmpty()) {
            entryPoint.commence(request, response, new InvalidTokenException());
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                account.get(), null, List.of(new SimpleGrantedAuthority("ROLE_USER")));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        // Counts as a sign-in for the statistics' active users, as an HTTP Basic call does.
        events.publishAuthenticationSuccess(authentication);
        chain.doFilter(request, response);
    }

    /** An unknown or revoked bearer token: the entry point answers it with {@code WWW-Authenticate: Bearer}. */
    static class InvalidTokenException extends BadCredentialsException {
        InvalidTokenException() {
            super("The API token is unknown or revoked. Create a new one on the API tokens page.");
        }
    }
}
