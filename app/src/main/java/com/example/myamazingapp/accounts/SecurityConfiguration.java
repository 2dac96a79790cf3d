package com.example.myamazingapp.accounts;

import com.example.myamazingapp.web.ApiError;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** bcrypt today, behind the {id} prefix so that the algorithm can change without resetting passwords. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** /api: HTTP Basic on every request, no session, so no cookie and hence no CSRF to defend against. */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, failure) -> {
            if (failure instanceof LockedException) {
                ApiError.of(HttpStatus.TOO_MANY_REQUESTS, failure.getMessage()).writeTo(response, json);
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"myamazingapp\"");
            ApiError.of(HttpStatus.UNAUTHORIZED, "Sign in with HTTP Basic: your e-mail and password.")
                    .writeTo(response, json);
        };
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.POST, "/api/accounts")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** The pages: form login, CSRF on, session in PostgreSQL (Spring Session JDBC). */
    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/login", "/signup", "/css/**", "/js/**", "/favicon.ico", "/error")
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
                .build();
    }
}
