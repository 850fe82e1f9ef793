package dev.switchboard.gateway.edge;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.switchboard.model.json.SwitchboardJson;
import dev.switchboard.support.web.Problems;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes RFC 9457 problem details for what the gateway refuses itself (a handshake, a
 * request over the limit, a missing token), in the same shape as every service.
 */
public final class ProblemResponses {

    // Spring's mixin writes the problem's properties (the code) at the top level, as the
    // services' message converters do.
    private static final JsonMapper JSON = SwitchboardJson.configure(JsonMapper.builder())
        .addMixIn(ProblemDetail.class, ProblemOrder.class)
        .build();

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
        ProblemDetail problem = Problems.of(status, code, detail);
        // The raw path of the request's URI, and one of the gateway's own paths (never
        // "//..."), so it parses as a URI reference.
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        byte[] body = JSON.writeValueAsBytes(problem);
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

    // The fields in RFC 9457's order rather than alphabetically (Jackson 3's default).
    @JsonPropertyOrder({ "type", "title", "status", "detail", "instance" })
    private interface ProblemOrder extends ProblemDetailJacksonMixin {

    }

}
