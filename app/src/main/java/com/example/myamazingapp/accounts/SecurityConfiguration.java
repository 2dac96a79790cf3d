package com.example.myamazingapp.accounts;

import com.example.myamazingapp.web.ApiError;
import com.example.myamazingapp.web.PageSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * bcrypt today, behind the {id} prefix so that the algorithm can change without resetting passwords; run on one
     * platform thread per core, never on the request's virtual thread ({@link PasswordHashing} says why).
     */
    @Bean
    PasswordHashing passwordEncoder() {
        return new PasswordHashing(
                PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * CSS, JavaScript and the icon: public, and nothing else to do (no session look-up, no CSRF token, no saved
     * request), only the default security headers.
     */
    @Bean
    @Order(0)
    SecurityFilterChain staticAssets(HttpSecurity http) throws Exception {
        return http.securityMatcher("/css/**", "/js/**", "/favicon.ico")
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * /api: a personal access token ({@code Authorization: Bearer}, the fast path) or HTTP Basic (e-mail and password,
     * bcrypt on every call: the slow path, kept for scripts), on every request, no session, so no cookie and hence no
     * CSRF to defend against.
     */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json, ApiTokens tokens, AuthenticationEventPublisher events)
            throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, failure) -> {
            if (failure instanceof LockedException) {
                ApiError.of(HttpStatus.TOO_MANY_REQUESTS, failure.getMessage()).writeTo(response, json);
                return;
            }
            if (failure instanceof ApiTokenFilter.InvalidTokenException) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"myamazingapp\", error=\"invalid_token\"");
                ApiError.of(HttpStatus.UNAUTHORIZED, failure.getMessage()).writeTo(response, json);
                return;
            }
            response.addHeader("WWW-Authenticate", "Bearer realm=\"myamazingapp\"");
            response.addHeader("WWW-Authenticate", "Basic realm=\"myamazingapp\"");
            ApiError.of(
                            HttpStatus.UNAUTHORIZED,
                            "Sign in with an API token (Authorization: Bearer) or HTTP Basic: your e-mail and password.")
                    .writeTo(response, json);
        };
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.POST, "/api/accounts")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(new ApiTokenFilter(tokens, events, entryPoint), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The pages: form login, CSRF on, session in PostgreSQL (Spring Session JDBC), created only at sign-in: the CSRF
     * token travels in a cookie and no request is remembered for after the login (it always lands on /files), so an
     * anonymous visit writes no session row. Redirects are relative, so they never take a host from the request.
     */
    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        var loginPage = new LoginUrlAuthenticationEntryPoint("/login");
        loginPage.setFavorRelativeUris(true);
        return PageSecurity.apply(http)
                .authorizeHttpRequests(requests -> requests.requestMatchers("/login", "/signup", "/error")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .defaultSuccessUrl("/files", true)
                        .failureHandler((request, response, failure) -> response.sendRedirect(request.getContextPath()
                                + "/login?error=" + (failure instanceof LockedException ? "locked" : "credentials"))))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(loginPage))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .build();
    }
}
