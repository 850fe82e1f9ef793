package dev.switchboard.auth.contact;

import dev.switchboard.support.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The problem details of contact requests.
 */
final class ContactProblems {

    private ContactProblems() {
    }

    static ErrorResponseException invalid(String detail) {
        return of(HttpStatus.BAD_REQUEST, "invalid-request", detail);
    }

    static ErrorResponseException notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, "not-found", detail);
    }

    static ErrorResponseException conflict(String code, String detail) {
        return of(HttpStatus.CONFLICT, code, detail);
    }

    private static ErrorResponseException of(HttpStatus status, String code, String detail) {
        return new ErrorResponseException(status, Problems.of(status, code, detail), null);
    }

}
