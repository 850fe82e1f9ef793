package dev.switchboard.gateway.edge;

import dev.switchboard.gateway.GatewayProperties;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The REST routes: {@code /api/auth/**} to auth-service behind the first-line rate limit,
 * {@code /api/contacts/**} to auth-service and {@code /api/history/**} to history-service
 * behind a bearer check. Nothing else is routed (auth-service's {@code /internal/**}
 * stays internal). CORS allows the configured origins.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    RouteLocator switchboardRoutes(RouteLocatorBuilder routes, GatewayProperties properties,
            ClientRateLimitFilter rateLimit, BearerAuthenticationFilter bearer) {
        return routes.routes()
            .route("auth",
                    (route) -> route.path("/api/auth/**")
                        .filters((filters) -> filters.filter(rateLimit))
                        .uri(properties.authUri()))
            .route("contacts",
                    (route) -> route.path("/api/contacts/**")
                        .filters((filters) -> filters.filter(bearer))
                        .uri(properties.authUri()))
            .route("history",
                    (route) -> route.path("/api/history/**")
                        .filters((filters) -> filters.filter(bearer))
                        .uri(properties.historyUri()))
            .build();
    }

    @Bean
    CorsWebFilter corsWebFilter(AllowedOrigins origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", origins.cors());
        return new CorsWebFilter(source);
    }

}
