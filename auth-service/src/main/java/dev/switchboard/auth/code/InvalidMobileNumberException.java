package dev.switchboard.auth.code;

/**
 * The request's number is missing or is not a valid mobile number; answered 400.
 */
public class InvalidMobileNumberException extends RuntimeException {

    InvalidMobileNumberException(String message) {
        super(message);
    }

}
