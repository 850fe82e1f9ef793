package dev.switchboard.authclient;

import reactor.core.publisher.Mono;

/**
 * Where {@link TokenVerifier} turns when the token cache has no answer: the source of
 * truth for tokens. Elsewhere that is auth-service's introspection endpoint
 * ({@link IntrospectionTokenSource}); inside auth-service it is its own database.
 */
public interface TokenSource {

    /**
     * Looks a token up.
     * @param token a well-formed token
     * @return the user if the token is valid, empty if it is unknown, expired or revoked,
     * or an {@link AuthUnavailableException} if the source cannot answer
     */
    Mono<AuthenticatedUser> lookUp(String token);

}
