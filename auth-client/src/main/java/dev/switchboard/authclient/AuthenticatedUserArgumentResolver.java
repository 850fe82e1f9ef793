package dev.switchboard.authclient;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * For Spring MVC services: authenticates the caller of every handler method that takes an
 * {@link AuthenticatedUser}, from the {@code Authorization: Bearer} header. The one place
 * where a servlet service reads a bearer token; a request without a valid one gets 401. A
 * request is authenticated once, however many ask: an interceptor that needs the caller
 * first (a per-user limit) calls {@link #authenticate(HttpServletRequest)}, and the
 * handler's argument is the same answer.
 */
public class AuthenticatedUserArgumentResolver implements HandlerMethodArgumentResolver {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String ATTRIBUTE = AuthenticatedUser.class.getName();

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
        return authenticate(request.getNativeRequest(HttpServletRequest.class));
    }

    /**
     * The caller of a request.
     * @param request the request
     * @return the caller
     * @throws UnauthenticatedException if the request has no valid bearer token
     * @throws AuthUnavailableException if tokens cannot be checked right now
     */
    public AuthenticatedUser authenticate(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof AuthenticatedUser known) {
            return known;
        }
        String token = BearerToken.fromHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            throw new UnauthenticatedException("A bearer token is required.");
        }
        AuthenticatedUser user = this.verifier.verify(token)
            .blockOptional(TIMEOUT)
            .orElseThrow(() -> new UnauthenticatedException("The bearer token is not valid."));
        request.setAttribute(ATTRIBUTE, user);
        return user;
    }

}
