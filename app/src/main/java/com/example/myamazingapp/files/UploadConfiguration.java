package com.example.myamazingapp.files;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UploadLimits.class)
class UploadConfiguration {

    /**
     * The servlet container writes every file part straight to disk (threshold 0), so a browser upload is never held in
     * memory, and refuses a part over MAX_UPLOAD_SIZE. The request may carry a little more than the file (the other
     * form fields and part headers).
     */
    @Bean
    MultipartConfigElement multipartConfigElement(UploadLimits limits) {
        var factory = new MultipartConfigFactory();
        factory.setFileSizeThreshold(DataSize.ofBytes(0));
        factory.setMaxFileSize(limits.maxUploadSize());
        factory.setMaxRequestSize(
                DataSize.ofBytes(limits.maxBytes() + DataSize.ofMegabytes(1).toBytes()));
        return factory.createMultipartConfig();
    }
}
