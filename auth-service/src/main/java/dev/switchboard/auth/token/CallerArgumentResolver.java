package dev.switchboard.auth.token;

import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.BearerToken;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Authenticates the caller of every endpoint that takes an {@link AuthenticatedUser}: the
 * one place where auth-service reads a bearer token.
 */
@Component
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private final AccessTokens tokens;

    CallerArgumentResolver(AccessTokens tokens) {
        this.tokens = tokens;
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
        return this.tokens.authenticate(token)
            .orElseThrow(() -> new UnauthenticatedException("The bearer token is not valid."));
    }

}
