package dev.switchboard.auth.token;

import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.Secrets;
import dev.switchboard.model.auth.TokenIntrospection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/auth/introspect}: what other services' verifiers ask when the
 * token cache has no entry. The caller has just missed the cache, so the answer comes
 * from the database (which caches it again). Internal: the gateway does not route
 * {@code /internal/**}.
 */
@RestController
@Tag(name = "Internal")
class IntrospectionController {

    private final DatabaseTokenSource tokens;

    IntrospectionController(DatabaseTokenSource tokens) {
        this.tokens = tokens;
    }

    @PostMapping(path = "/internal/auth/introspect", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Say whether a token is valid (for other Switchboard services)")
    TokenIntrospection introspect(@RequestBody IntrospectionRequest request) {
        if (!Secrets.isWellFormed(request.token())) {
            return TokenIntrospection.inactive();
        }
        return this.tokens.find(request.token())
            .map(IntrospectionController::active)
            .orElseGet(TokenIntrospection::inactive);
    }

    private static TokenIntrospection active(AuthenticatedUser user) {
        return new TokenIntrospection(true, user.userId(), user.tokenId(), user.expiresAt());
    }

    record IntrospectionRequest(String token) {

        @Override
        public String toString() {
            return "IntrospectionRequest[token=[hidden]]";
        }

    }

}
