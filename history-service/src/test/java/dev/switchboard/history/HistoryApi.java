package dev.switchboard.history;

import dev.switchboard.test.HttpAnswer;

import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.util.UriBuilder;

/**
 * The history API over real HTTP, each answer kept whole for the test to check.
 */
public class HistoryApi {

    private final RestTestClient client;

    HistoryApi(RestTestClient client) {
        this.client = client;
    }

    public HttpAnswer conversations(String token, String before, Integer limit) {
        return get(token, "/api/history/conversations", "before", before, limit);
    }

    public HttpAnswer messages(String token, String conversation, String before, Integer limit) {
        return get(token, "/api/history/conversations/" + conversation + "/messages", "before", before, limit);
    }

    public HttpAnswer sync(String token, String after, Integer limit) {
        return get(token, "/api/history/sync", "after", after, limit);
    }

    public HttpAnswer get(String token, String pathAndQuery) {
        return answer(this.client.get().uri(pathAndQuery).headers((headers) -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).exchange().returnResult(String.class));
    }

    private HttpAnswer get(String token, String path, String cursorName, String cursor, Integer limit) {
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

    private static HttpAnswer answer(EntityExchangeResult<String> result) {
        return HttpAnswer.of(result.getStatus().value(), result.getResponseHeaders(), result.getResponseBody());
    }

}
