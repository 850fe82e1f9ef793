package dev.switchboard.authclient;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request without a valid bearer token: answered 401 with
 * {@code WWW-Authenticate: Bearer} and an {@code unauthorized} problem detail.
 */
public class UnauthenticatedException extends ErrorResponseException {

    /**
     * Creates an exception.
     * @param detail what is wrong with the credentials, for the client
     */
    public UnauthenticatedException(String detail) {
        super(HttpStatus.UNAUTHORIZED, problem(detail), null);
        getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setType(URI.create("urn:switchboard:problem:unauthorized"));
        problem.setProperty("code", "unauthorized");
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

}
