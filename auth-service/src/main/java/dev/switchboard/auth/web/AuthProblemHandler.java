package dev.switchboard.auth.web;

import dev.switchboard.auth.code.InvalidActivationCodeException;
import dev.switchboard.auth.code.InvalidMobileNumberException;
import dev.switchboard.auth.login.InvalidLoginRequestException;
import dev.switchboard.auth.sms.SmsDeliveryException;
import dev.switchboard.support.web.Problems;
import dev.switchboard.support.web.ServletProblemHandler;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * auth-service's errors as problem details; the shared ones come from
 * {@link ServletProblemHandler}.
 */
@RestControllerAdvice
class AuthProblemHandler extends ServletProblemHandler {

    @ExceptionHandler(InvalidMobileNumberException.class)
    ResponseEntity<ProblemDetail> invalidMobile(InvalidMobileNumberException ex) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-mobile", ex.getMessage()));
    }

    @ExceptionHandler(InvalidActivationCodeException.class)
    ResponseEntity<ProblemDetail> invalidCode(InvalidActivationCodeException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, "invalid-activation-code", ex.getMessage());
        problem.setProperty("attemptsRemaining", ex.attemptsRemaining());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
    }

    @ExceptionHandler(SmsDeliveryException.class)
    ResponseEntity<ProblemDetail> smsFailed(SmsDeliveryException ex) {
        if (ex.isRejected()) {
            return ResponseEntity.badRequest()
                .body(Problems.of(HttpStatus.BAD_REQUEST, "sms-rejected",
                        "The SMS provider cannot deliver to this number."));
        }
        return unavailable("The code could not be sent. Retry shortly.");
    }

    @ExceptionHandler(InvalidLoginRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidLoginRequestException ex) {
        return ResponseEntity.badRequest()
            .body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", ex.getMessage()));
    }

}
