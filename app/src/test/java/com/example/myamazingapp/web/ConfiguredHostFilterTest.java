package com.example.myamazingapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** With APP_HOST set, what the application sees of the request's host is APP_HOST, whatever the client sent. */
class ConfiguredHostFilterTest {

    @Test
    void aForeignHostIsSeenAsTheConfiguredOne() throws Exception {
        var request = new MockHttpServletRequest("GET", "/files");
        request.setServerName("evil.example");
        request.addHeader("Host", "evil.example");
        request.addHeader("X-Forwarded-Host", "evil.example");
        var chain = new MockFilterChain();

        new ConfiguredHostFilter("app.example.com").doFilter(request, new MockHttpServletResponse(), chain);

        var seen = (HttpServletRequest) chain.getRequest();
        assertThat(seen.getServerName()).isEqualTo("app.example.com");
        assertThat(seen.getHeader("Host")).isEqualTo("app.example.com");
        assertThat(seen.getHeader("X-Forwarded-Host")).isEqualTo("app.example.com");
        assertThat(seen.getRequestURL().toString()).isEqualTo("http://app.example.com/files");
    }

    @Test
    void withoutAConfiguredHostTheRequestIsLeftAsItCame() throws Exception {
        var request = new MockHttpServletRequest("GET", "/files");
        request.setServerName("localhost");
        var chain = new MockFilterChain();

        new ConfiguredHostFilter("").doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }
}
