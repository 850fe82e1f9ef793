package dev.switchboard.auth.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The public OpenAPI description (the internal introspection and user endpoints are left
 * out of it: {@code springdoc.paths-to-exclude}). Callers are authenticated by
 * auth-client's argument resolver, as in every servlet service; limits are in
 * {@code ratelimit}.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

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
