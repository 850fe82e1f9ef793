package dev.switchboard.support.web;

import java.util.stream.Collectors;

import dev.switchboard.support.ratelimit.RateLimitExceededException;
import dev.switchboard.support.redis.RedisFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The problem-detail mapping that every servlet service shares; a service's own
 * {@code @RestControllerAdvice} extends it with its domain's exceptions. Spring's own
 * errors (malformed JSON, wrong content type, unknown path) keep Spring's status and get
 * a Switchboard code; a request over a limit is a 429 with {@code Retry-After}; a store
 * that cannot be reached is a 503 with {@code Retry-After}; anything unexpected is a 500
 * that says nothing of its cause.
 */
public abstract class ServletProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger logger = LoggerFactory.getLogger(ServletProblemHandler.class);

    /**
     * Seconds a client should wait before retrying after a 503: also what auth-client's
     * verifier says when it cannot check a token.
     */
    public static final String RETRY_AFTER_UNAVAILABLE = "5";

    @ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class, RedisConnectionFailureException.class })
    ResponseEntity<ProblemDetail> unavailable(Exception ex) {
        logger.warn("A backing store is unavailable: {}", ex.toString());
        return unavailable("A backing store is unavailable. Retry shortly.");
    }

    @ExceptionHandler(RateLimitExceededException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitExceededException ex) {
        long seconds = Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000);
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many requests. Retry after " + seconds + " seconds.");
        problem.setProperty("retryAfterSeconds", seconds);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
            .body(problem);
    }

    @ExceptionHandler(RedisSystemException.class)
    ResponseEntity<ProblemDetail> redisFailure(RedisSystemException ex) {
        if (RedisFailures.isConnectionFailure(ex)) {
            return unavailable(ex);
        }
        return unexpected(ex);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        logger.error("Unexpected failure", ex);
        return ResponseEntity.internalServerError()
            .body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                    "Something went wrong on our side. It has been logged."));
    }

    /**
     * A 503 with a {@code Retry-After} header.
     * @param detail what is unavailable
     * @return the response
     */
    protected ResponseEntity<ProblemDetail> unavailable(String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_UNAVAILABLE)
            .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request",
                "The request body is missing or is not valid JSON of the expected shape.");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getBindingResult()
            .getFieldErrors()
            .stream()
            .map((error) -> error.getField() + ": " + error.getDefaultMessage())
            .collect(Collectors.joining("; "));
        return handleExceptionInternal(ex, Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", detail), headers,
                HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getAllErrors()
            .stream()
            .map((error) -> error.getDefaultMessage())
            .collect(Collectors.joining("; "));
        return handleExceptionInternal(ex, Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", detail), headers,
                HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            Problems.withCode(problem, Problems.codeFor(response.getStatusCode()));
        }
        return response;
    }

}
