package dev.switchboard.gateway.edge;

import dev.switchboard.gateway.GatewayProperties;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;

/**
 * The one list of browser origins allowed to use Switchboard, for CORS on the REST routes
 * and for the Origin check of the WebSocket handshake.
 */
@Component
public class AllowedOrigins {

    private final CorsConfiguration cors = new CorsConfiguration();

    AllowedOrigins(GatewayProperties properties) {
        this.cors.setAllowedOriginPatterns(properties.allowedOrigins());
        this.cors.addAllowedMethod(HttpMethod.GET);
        this.cors.addAllowedMethod(HttpMethod.POST);
        this.cors.addAllowedMethod(HttpMethod.PUT);
        this.cors.addAllowedMethod(HttpMethod.DELETE);
        this.cors.addAllowedMethod(HttpMethod.OPTIONS);
        this.cors.addAllowedHeader("*");
        this.cors.addExposedHeader("Retry-After");
        this.cors.setMaxAge(3600L);
    }

    /**
     * Whether a browser origin may connect.
     * @param origin the Origin header
     * @return true if allowed
     */
    public boolean allows(String origin) {
        return this.cors.checkOrigin(origin) != null;
    }

    /**
     * The CORS configuration of the REST routes.
     * @return the configuration
     */
    public CorsConfiguration cors() {
        return this.cors;
    }

}
