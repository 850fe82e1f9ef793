package dev.switchboard.support.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details in Switchboard's shape: a stable machine-readable
 * {@code code} (also the last segment of the {@code type} URN), a title and a detail for
 * people, and never a stack trace.
 */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:switchboard:problem:";

    private Problems() {
    }

    /**
     * A problem.
     * @param status the HTTP status
     * @param code the stable code, in kebab case ({@code invalid-mobile})
     * @param detail what went wrong, for the person reading it
     * @return the problem detail
     */
    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return withCode(problem, code);
    }

    /**
     * Gives an existing problem (for example one Spring built) Switchboard's code.
     * @param problem the problem
     * @param code the stable code
     * @return the same problem
     */
    public static ProblemDetail withCode(ProblemDetail problem, String code) {
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setProperty("code", code);
        return problem;
    }

    /**
     * The code for a status that no handler named more precisely.
     * @param status the status
     * @return a code such as {@code bad-request} or {@code not-found}
     */
    public static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "rate-limited";
            case 503 -> "service-unavailable";
            default -> (status.is5xxServerError() ? "internal-error" : "client-error");
        };
    }

}
