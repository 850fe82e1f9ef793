package dev.switchboard.authclient;

import dev.switchboard.support.web.Problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
        super(HttpStatus.UNAUTHORIZED, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", detail), null);
        getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

}
