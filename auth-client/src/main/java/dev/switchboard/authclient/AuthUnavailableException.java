package dev.switchboard.authclient;

/**
 * The verifier could reach neither the token cache nor auth-service, so it cannot say
 * whether a token is valid. Callers answer 503, never "invalid token".
 */
public class AuthUnavailableException extends RuntimeException {

    /**
     * Creates an exception.
     * @param message what could not be reached
     * @param cause the failure
     */
    public AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

}
