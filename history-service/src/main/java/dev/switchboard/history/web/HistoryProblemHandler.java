package dev.switchboard.history.web;

import dev.switchboard.history.fence.CatchingUpException;
import dev.switchboard.support.web.Problems;
import dev.switchboard.support.web.ServletProblemHandler;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * history-service's errors as problem details; the shared ones come from
 * {@link ServletProblemHandler}.
 */
@RestControllerAdvice
class HistoryProblemHandler extends ServletProblemHandler {

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException ex) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, ex.code(), ex.getMessage()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
            .body(Problems.of(HttpStatus.NOT_FOUND, "not-found", ex.getMessage()));
    }

    @ExceptionHandler(CatchingUpException.class)
    ResponseEntity<ProblemDetail> catchingUp(CatchingUpException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, "1")
            .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "catching-up",
                    "History is still storing messages accepted before this request. Retry in a second."));
    }

}
