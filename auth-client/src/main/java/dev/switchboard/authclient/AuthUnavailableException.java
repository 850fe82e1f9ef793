package dev.switchboard.authclient;

import dev.switchboard.support.web.Problems;
import dev.switchboard.support.web.ServletProblemHandler;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The verifier could reach neither the token cache nor auth-service, so it cannot say
 * whether a token is valid. Answered 503 with {@code Retry-After}, never "invalid token".
 */
public class AuthUnavailableException extends ErrorResponseException {

    /**
     * Creates an exception.
     * @param message what could not be reached
     * @param cause the failure
     */
    public AuthUnavailableException(String message, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "Tokens cannot be checked right now. Retry shortly."), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, ServletProblemHandler.RETRY_AFTER_UNAVAILABLE);
        setDetail(message);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

}
