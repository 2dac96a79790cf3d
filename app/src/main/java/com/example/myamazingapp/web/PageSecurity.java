package com.example.myamazingapp.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * What every filter chain that serves pages shares, so that a page of one chain can post to another: the CSRF token in
 * a cookie (no session is needed before sign-in, and one token is valid on every page) and the Content-Security-
 * Policy.
 */
public final class PageSecurity {

    /** Our own scripts, styles and images only: no inline script or style, no other origin, no framing. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "object-src 'none'";

    private PageSecurity() {}

    /** Applies both to {@code http}; the chain goes on from the returned builder. */
    public static HttpSecurity apply(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository()))
                .headers(
                        headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
    }
}
