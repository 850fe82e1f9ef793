package dev.switchboard.auth.token;

/**
 * The request carries no valid bearer token; answered 401 with
 * {@code WWW-Authenticate: Bearer}.
 */
public class UnauthenticatedException extends RuntimeException {

    UnauthenticatedException(String message) {
        super(message);
    }

}
