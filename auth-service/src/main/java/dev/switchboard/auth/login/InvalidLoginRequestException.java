package dev.switchboard.auth.login;

/**
 * A login request that is not even worth checking (a code that is not six digits);
 * answered 400, and it costs no attempt.
 */
public class InvalidLoginRequestException extends RuntimeException {

    InvalidLoginRequestException(String message) {
        super(message);
    }

}
