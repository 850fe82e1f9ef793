package dev.switchboard.auth;

import java.util.Map;

import dev.switchboard.model.Headers;
import dev.switchboard.test.HttpAnswer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The calls a client makes, over real HTTP, with every answer kept whole (status,
 * headers, JSON) for the test to check.
 */
public final class AuthApi {

    private final RestTestClient client;

    private final AuthTestConfiguration.RecordingSmsSender sms;

    public AuthApi(RestTestClient client, AuthTestConfiguration.RecordingSmsSender sms) {
        this.client = client;
        this.sms = sms;
    }

    public HttpAnswer getCode(String mobile) {
        return getCode(mobile, Mobiles.nextAddress());
    }

    public HttpAnswer getCode(String mobile, String clientAddress) {
        return post("/api/auth/getcode", Map.of("mobile", mobile), clientAddress, null);
    }

    /**
     * Asks for a code through a client that also sends an {@code X-Forwarded-For} of its
     * own making, which the gateway would pass on.
     * @param mobile the number
     * @param clientAddress the address the gateway saw
     * @param forgedForwardedFor what the client put in {@code X-Forwarded-For}
     * @return the answer
     */
    public HttpAnswer getCode(String mobile, String clientAddress, String forgedForwardedFor) {
        return answer(this.client.post()
            .uri("/api/auth/getcode")
            .header(Headers.CLIENT_ADDRESS, clientAddress)
            .header("X-Forwarded-For", forgedForwardedFor + ", 127.0.0.1")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("mobile", mobile))
            .exchange()
            .returnResult(String.class));
    }

    public HttpAnswer login(String mobile, String code) {
        return login(mobile, code, Mobiles.nextAddress());
    }

    public HttpAnswer login(String mobile, String code, String clientAddress) {
        return post("/api/auth/login", Map.of("mobile", mobile, "activationCode", code), clientAddress, null);
    }

    /**
     * Gets a code, reads it from the SMS and logs in with it.
     * @param mobile the number
     * @return the login answer
     */
    public HttpAnswer loginFresh(String mobile) {
        getCode(mobile).expectStatus(202);
        return login(mobile, this.sms.lastCode(mobile)).expectStatus(200);
    }

    public String lastCode(String mobile) {
        return this.sms.lastCode(mobile);
    }

    public HttpAnswer me(String token) {
        return answer(this.client.get()
            .uri("/api/auth/me")
            .headers((headers) -> bearer(headers, token))
            .exchange()
            .returnResult(String.class));
    }

    public HttpAnswer logout(String token) {
        return post("/api/auth/logout", null, Mobiles.nextAddress(), token);
    }

    public HttpAnswer webSocketTicket(String token) {
        return post("/api/auth/ws-ticket", null, Mobiles.nextAddress(), token);
    }

    public HttpAnswer raw(String path, MediaType contentType, String body) {
        return answer(this.client.post()
            .uri(path)
            .contentType(contentType)
            .header(Headers.CLIENT_ADDRESS, Mobiles.nextAddress())
            .body(body)
            .exchange()
            .returnResult(String.class));
    }

    /**
     * Any request as a logged-in caller.
     * @param method the method
     * @param path the path
     * @param body a JSON body, or {@code null}
     * @param token the caller's token
     * @return the answer
     */
    public HttpAnswer call(HttpMethod method, String path, Object body, String token) {
        RestTestClient.RequestBodySpec request = this.client.method(method)
            .uri(path)
            .header(Headers.CLIENT_ADDRESS, Mobiles.nextAddress())
            .headers((headers) -> bearer(headers, token));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return answer(request.exchange().returnResult(String.class));
    }

    private HttpAnswer post(String path, Object body, String clientAddress, String token) {
        RestTestClient.RequestBodySpec request = this.client.post()
            .uri(path)
            .header(Headers.CLIENT_ADDRESS, clientAddress)
            .headers((headers) -> bearer(headers, token));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return answer(request.exchange().returnResult(String.class));
    }

    private static void bearer(HttpHeaders headers, String token) {
        if (token != null) {
            headers.setBearerAuth(token);
        }
    }

    private static HttpAnswer answer(EntityExchangeResult<String> result) {
        return HttpAnswer.of(result.getStatus().value(), result.getResponseHeaders(), result.getResponseBody());
    }

}
