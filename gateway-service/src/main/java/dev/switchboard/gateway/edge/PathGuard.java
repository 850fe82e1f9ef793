package dev.switchboard.gateway.edge;

import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses, before any route or endpoint sees it, a request whose path holds a dot segment
 * ({@code .} or {@code ..}, also percent-encoded), an encoded slash or backslash, or a
 * backslash: routes match the path as it is written, but the service behind resolves such
 * segments, so {@code /api/auth/../../internal/...} would reach what is never routed. No
 * client of Switchboard needs such a path; the answer is {@code 400 invalid-path}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PathGuard implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isClean(exchange.getRequest().getURI().getRawPath())) {
            return ProblemResponses.write(exchange, HttpStatus.BAD_REQUEST, "invalid-path",
                    "The path may not hold '.' or '..' segments, encoded slashes or backslashes.", Map.of());
        }
        return chain.filter(exchange);
    }

    static boolean isClean(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return true;
        }
        String path = rawPath.toLowerCase(Locale.ROOT);
        if (path.contains("%2f") || path.contains("%5c") || path.indexOf('\\') >= 0 || path.contains("%00")) {
            return false;
        }
        for (String segment : path.replace("%2e", ".").split("/", -1)) {
            // ";" starts path parameters, which Tomcat strips before it resolves
            // segments.
            int parameters = segment.indexOf(';');
            String name = (parameters >= 0) ? segment.substring(0, parameters) : segment;
            if (name.equals(".") || name.equals("..")) {
                return false;
            }
        }
        return true;
    }

}
