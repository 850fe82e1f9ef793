package dev.switchboard.test;

import dev.switchboard.model.json.SwitchboardJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * An HTTP answer kept whole (status, headers, JSON body) for a test to check.
 *
 * @param status the status code
 * @param headers the headers
 * @param body the JSON body, or {@code null} if there was none
 */
public record HttpAnswer(int status, HttpHeaders headers, JsonNode body) {

    private static final JsonMapper JSON = SwitchboardJson.newMapper();

    /**
     * Reads an answer.
     * @param status the status code
     * @param headers the headers
     * @param body the body as text, possibly empty or {@code null}
     * @return the answer
     */
    public static HttpAnswer of(int status, HttpHeaders headers, String body) {
        return new HttpAnswer(status, headers, (body == null || body.isBlank()) ? null : JSON.readTree(body));
    }

    /**
     * Fails unless the status is the expected one.
     * @param expected the expected status
     * @return this answer
     */
    public HttpAnswer expectStatus(int expected) {
        if (this.status != expected) {
            throw new AssertionError("Expected HTTP " + expected + " but got " + this.status + ": " + this.body);
        }
        return this;
    }

    /**
     * A text field of the JSON body.
     * @param field the field
     * @return its text, or {@code null} if it is absent or null
     */
    public String text(String field) {
        JsonNode node = (this.body != null) ? this.body.get(field) : null;
        return (node == null || node.isNull()) ? null : node.asString();
    }

}
