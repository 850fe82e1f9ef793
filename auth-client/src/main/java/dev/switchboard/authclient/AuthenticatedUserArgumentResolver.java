package dev.switchboard.authclient;

import java.time.Duration;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * For Spring MVC services: authenticates the caller of every handler method that takes an
 * {@link AuthenticatedUser}, from the {@code Authorization: Bearer} header. The one place
 * where a servlet service reads a bearer token; a request without a valid one gets 401.
 */
public class AuthenticatedUserArgumentResolver implements HandlerMethodArgumentResolver {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final TokenVerifier verifier;

    /**
     * Creates the resolver.
     * @param verifier the verifier
     */
    public AuthenticatedUserArgumentResolver(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return AuthenticatedUser.class.equals(parameter.getParameterType());
    }

    @Override
    public AuthenticatedUser resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binders) {
        String token = BearerToken.fromHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            throw new UnauthenticatedException("A bearer token is required.");
        }
        return this.verifier.verify(token)
            .blockOptional(TIMEOUT)
            .orElseThrow(() -> new UnauthenticatedException("The bearer token is not valid."));
    }

}
