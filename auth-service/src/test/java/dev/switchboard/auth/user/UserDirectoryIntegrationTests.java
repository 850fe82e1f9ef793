package dev.switchboard.auth.user;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthIntegrationTest;
import dev.switchboard.auth.Mobiles;
import dev.switchboard.authclient.AuthClientProperties;
import dev.switchboard.authclient.UserDirectory;
import dev.switchboard.model.id.UserId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The internal user directory, asked the way the gateway and history-service ask it:
 * through auth-client's {@link UserDirectory}.
 */
@AuthIntegrationTest
class UserDirectoryIntegrationTests {

    @Autowired
    AuthApi api;

    @LocalServerPort
    int port;

    @Test
    void tellsRegisteredUsersFromIdsThatBelongToNobody() {
        UserId alice = new UserId(this.api.loginFresh(Mobiles.next()).body().get("userId").asLong());
        UserId bob = new UserId(this.api.loginFresh(Mobiles.next()).body().get("userId").asLong());
        UserId nobody = new UserId(bob.value() + 1_000_000);
        UserDirectory directory = directory();

        assertThat(directory.registered(List.of(alice, bob, nobody)).join()).containsExactlyInAnyOrder(alice, bob);
        assertThat(directory.isRegistered(alice).join()).isTrue();
        assertThat(directory.isRegistered(nobody).join()).isFalse();
    }

    @Test
    void answersUpToFiveHundredIdsAtOnceAndSplitsLongerLookups() {
        UserId alice = new UserId(this.api.loginFresh(Mobiles.next()).body().get("userId").asLong());
        List<UserId> many = new java.util.ArrayList<>();
        for (int i = 1; i <= 1200; i++) {
            many.add(new UserId(alice.value() + 5_000_000 + i));
        }
        many.add(alice);

        assertThat(directory().registered(many).join()).containsExactly(alice);
    }

    @Test
    void asksOnceForManySingleLookUpsThatMissTogether() {
        UserId alice = new UserId(this.api.loginFresh(Mobiles.next()).body().get("userId").asLong());
        AtomicInteger requests = new AtomicInteger();
        UserDirectory directory = directory(WebClient.builder().filter((request, next) -> {
            requests.incrementAndGet();
            return next.exchange(request);
        }));
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();

        for (int i = 1; i <= 200; i++) {
            answers.add(directory.isRegistered(new UserId(alice.value() + 7_000_000 + i)));
        }
        answers.add(directory.isRegistered(alice));

        assertThat(answers.stream().map(CompletableFuture::join).toList()).containsOnlyOnce(true)
            .endsWith(true)
            .hasSize(201);
        assertThat(requests.get()).as("requests to auth-service").isLessThanOrEqualTo(3);
    }

    private UserDirectory directory() {
        return directory(WebClient.builder());
    }

    private UserDirectory directory(WebClient.Builder client) {
        return new UserDirectory(client.baseUrl("http://localhost:" + this.port + "/internal/auth/users").build(),
                Duration.ofSeconds(5), new AuthClientProperties.Users(null, Duration.ofHours(1), Duration.ofSeconds(5),
                        1000, Duration.ofSeconds(60)));
    }

}
