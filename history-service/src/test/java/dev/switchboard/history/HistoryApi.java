package dev.switchboard.history;

import dev.switchboard.model.json.SwitchboardJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.util.UriBuilder;

/**
 * The history API over real HTTP, each answer kept whole for the test to check.
 */
public class HistoryApi {

    private static final JsonMapper JSON = SwitchboardJson.newMapper();

    private final RestTestClient client;

    HistoryApi(RestTestClient client) {
        this.client = client;
    }

    public Answer conversations(String token, String before, Integer limit) {
        return get(token, "/api/history/conversations", "before", before, limit);
    }

    public Answer messages(String token, String conversation, String before, Integer limit) {
        return get(token, "/api/history/conversations/" + conversation + "/messages", "before", before, limit);
    }

    public Answer sync(String token, String after, Integer limit) {
        return get(token, "/api/history/sync", "after", after, limit);
    }

    public Answer get(String token, String pathAndQuery) {
        return answer(this.client.get().uri(pathAndQuery).headers((headers) -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).exchange().returnResult(String.class));
    }

    private Answer get(String token, String path, String cursorName, String cursor, Integer limit) {
        EntityExchangeResult<String> result = this.client.get().uri((UriBuilder uri) -> {
            uri.path(path);
            if (cursor != null) {
                uri.queryParam(cursorName, cursor);
            }
            if (limit != null) {
                uri.queryParam("limit", limit);
            }
            return uri.build();
        }).headers((headers) -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).exchange().returnResult(String.class);
        return answer(result);
    }

    private static Answer answer(EntityExchangeResult<String> result) {
        String body = result.getResponseBody();
        return new Answer(result.getStatus().value(), result.getResponseHeaders(),
                (body == null || body.isBlank()) ? null : JSON.readTree(body));
    }

    /**
     * An HTTP answer.
     *
     * @param status the status
     * @param headers the headers
     * @param body the JSON body
     */
    public record Answer(int status, HttpHeaders headers, JsonNode body) {

        public Answer expectStatus(int expected) {
            if (this.status != expected) {
                throw new AssertionError("Expected HTTP " + expected + " but got " + this.status + ": " + this.body);
            }
            return this;
        }

        public String text(String field) {
            JsonNode node = this.body.get(field);
            return (node == null || node.isNull()) ? null : node.asString();
        }

    }

}
