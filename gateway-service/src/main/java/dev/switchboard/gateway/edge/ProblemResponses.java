package dev.switchboard.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.switchboard.model.json.SwitchboardJson;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes RFC 9457 problem details for what the gateway refuses itself (a handshake, a
 * request over the limit, a missing token), in the same shape as every service.
 */
public final class ProblemResponses {

    private static final JsonMapper JSON = SwitchboardJson.newMapper();

    private ProblemResponses() {
    }

    /**
     * Answers the exchange with a problem.
     * @param exchange the exchange
     * @param status the status
     * @param code the stable code
     * @param detail what went wrong
     * @param headers extra headers (such as {@code Retry-After})
     * @return completes when written
     */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String detail,
            Map<String, String> headers) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.forEach(response.getHeaders()::set);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:switchboard:problem:" + code);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        problem.put("code", code);
        byte[] body = JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /**
     * A 401 with {@code WWW-Authenticate: Bearer}.
     * @param exchange the exchange
     * @param detail what is wrong with the credentials
     * @return completes when written
     */
    public static Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
        return write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", detail,
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
    }

    /**
     * A 503 with {@code Retry-After}.
     * @param exchange the exchange
     * @param detail what is unavailable
     * @return completes when written
     */
    public static Mono<Void> unavailable(ServerWebExchange exchange, String detail) {
        return write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", detail,
                Map.of(HttpHeaders.RETRY_AFTER, "5"));
    }

}
