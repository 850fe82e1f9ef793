package dev.switchboard.authclient;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        setDetail(message);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Tokens cannot be checked right now. Retry shortly.");
        problem.setType(URI.create("urn:switchboard:problem:service-unavailable"));
        problem.setProperty("code", "service-unavailable");
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

}
