package com.example.myamazingapp.web;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * CSS and JavaScript under URLs that carry a hash of their content ({@code /css/app-<md5>.css}, written into the pages
 * by Thymeleaf's {@code @{...}} through Spring's ResourceUrlEncodingFilter), so a browser may keep them for a year
 * without asking again: a changed file gets a new URL. The unversioned URL still answers, for old pages.
 */
@Configuration(proxyBeanMethods = false)
class StaticAssetsConfiguration implements WebMvcConfigurer {

    static final String[] FOLDERS = {"css", "js"};

    static final CacheControl IMMUTABLE =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (var folder : FOLDERS) {
            registry.addResourceHandler("/" + folder + "/**")
                    .addResourceLocations("classpath:/static/" + folder + "/")
                    .setCacheControl(IMMUTABLE)
                    .resourceChain(true)
                    .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
        }
    }
}
