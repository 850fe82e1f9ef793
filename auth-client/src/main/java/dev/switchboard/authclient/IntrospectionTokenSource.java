package dev.switchboard.authclient;

import java.time.Duration;
import java.util.Map;

import dev.switchboard.model.auth.TokenIntrospection;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Asks auth-service's internal introspection endpoint about a token (auth-service fills
 * its cache again as it answers).
 */
public class IntrospectionTokenSource implements TokenSource {

    private final WebClient webClient;

    private final Duration timeout;

    /**
     * Creates the source.
     * @param webClient a client whose base URL is the introspection endpoint
     * @param timeout how long to wait for an answer
     */
    public IntrospectionTokenSource(WebClient webClient, Duration timeout) {
        this.webClient = webClient;
        this.timeout = timeout;
    }

    @Override
    public Mono<AuthenticatedUser> lookUp(String token) {
        return this.webClient.post()
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("token", token))
            .retrieve()
            .bodyToMono(TokenIntrospection.class)
            .timeout(this.timeout)
            .onErrorMap((ex) -> new AuthUnavailableException("auth-service did not answer an introspection", ex))
            .filter(TokenIntrospection::active)
            .map((answer) -> new AuthenticatedUser(answer.userId(), answer.tokenId(), answer.expiresAt()));
    }

}
