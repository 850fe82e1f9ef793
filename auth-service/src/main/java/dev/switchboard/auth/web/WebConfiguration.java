package dev.switchboard.auth.web;

import dev.switchboard.auth.ratelimit.ClientAddressRateLimitInterceptor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the cross-cutting pieces in place: the per-address limit on code requests and the
 * OpenAPI description. (Callers are authenticated by auth-client's argument resolver, as
 * in every servlet service.)
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final ClientAddressRateLimitInterceptor addressLimit;

    WebConfiguration(ClientAddressRateLimitInterceptor addressLimit) {
        this.addressLimit = addressLimit;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this.addressLimit).addPathPatterns("/api/auth/getcode");
    }

    @Bean
    OpenAPI authOpenApi() {
        return new OpenAPI()
            .info(new Info().title("Switchboard auth-service")
                .version("v1")
                .description("Activation codes, login and access tokens. Errors are RFC 9457 problem details."))
            .components(new Components().addSecuritySchemes("bearer",
                    new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
    }

}
