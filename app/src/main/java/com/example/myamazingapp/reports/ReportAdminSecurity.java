package com.example.myamazingapp.reports;

import com.example.myamazingapp.web.PageSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * The report administration pages get their own filter chain, ahead of the application's: signed-in accounts named in
 * REPORT_ADMINS only (others get 403, anonymous visitors go to the sign-in page). The session, and so the sign-in, is
 * the application's, and so are the CSRF token (a form of any page may post here) and the Content-Security-Policy.
 */
@Configuration(proxyBeanMethods = false)
class ReportAdminSecurity {

    static final String PATH = "/admin/reports";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain reportAdminFilterChain(HttpSecurity http, ReportAdmins admins) throws Exception {
        return PageSecurity.apply(http)
                .securityMatcher(PATH, PATH + "/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().access((authentication, context) -> {
                    var current = authentication.get();
                    return new AuthorizationDecision(
                            !(current instanceof AnonymousAuthenticationToken) && admins.includes(current));
                }))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                .build();
    }
}
