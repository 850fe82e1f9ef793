package dev.switchboard.auth.contact;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthIntegrationTest;
import dev.switchboard.auth.Mobiles;
import dev.switchboard.authclient.AuthClientProperties;
import dev.switchboard.authclient.UserDirectory;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.BlocksChanged;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.id.UserId;
import dev.switchboard.support.kafka.EventDeserializer;
import dev.switchboard.test.HttpAnswer;
import dev.switchboard.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/contacts}: lookups answer registered numbers only, within the caller's
 * limits; blocks are stored, listed, told on Kafka, and answered in the internal user
 * directory that the gateway asks.
 */
@AuthIntegrationTest
class ContactsIntegrationTests {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Autowired
    AuthApi api;

    @LocalServerPort
    int port;

    @Test
    void answersOnlyRegisteredNumbersInAnyFormatOfTheCallersRegion() throws Exception {
        String alice = token(Mobiles.next());
        String bobMobile = Mobiles.next();
        UserId bob = userOf(this.api.loginFresh(bobMobile));
        String national = PHONES.format(PHONES.parse(bobMobile, "US"), PhoneNumberFormat.NATIONAL);
        String unregistered = Mobiles.next();

        JsonNode answer = lookUp(alice, List.of(bobMobile, national, unregistered, "not a number", ""))
            .expectStatus(200)
            .body();

        List<String> asked = new ArrayList<>();
        answer.get("contacts").forEach((contact) -> {
            asked.add(contact.get("number").asString());
            assertThat(contact.get("mobile").asString()).isEqualTo(bobMobile);
            assertThat(contact.get("userId").asLong()).isEqualTo(bob.value());
        });
        assertThat(asked).as("one entry per registered number asked, in order").containsExactly(bobMobile, national);
    }

    @Test
    void refusesEmptyAndOversizedLookups() {
        String alice = token(Mobiles.next());
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add("+1650555" + String.format("%04d", i));
        }

        assertThat(lookUp(alice, List.of()).expectStatus(400).text("code")).isEqualTo("invalid-request");
        assertThat(lookUp(alice, tooMany).expectStatus(400).text("code")).isEqualTo("invalid-request");
        this.api.call(HttpMethod.POST, "/api/contacts/lookup", Map.of("numbers", List.of("+16505550100")), null)
            .expectStatus(401);
    }

    @Test
    void countsEveryNumberAgainstTheCallersHourlyLimit() {
        // 600 numbers an hour in the tests
        String alice = token(Mobiles.next());
        lookUp(alice, numbers(500)).expectStatus(200);
        HttpAnswer refused = lookUp(alice, numbers(101)).expectStatus(429);

        assertThat(refused.text("code")).isEqualTo("rate-limited");
        assertThat(Long.parseLong(refused.headers().getFirst("Retry-After"))).isPositive();
        lookUp(token(Mobiles.next()), numbers(101)).expectStatus(200);
    }

    @Test
    void blocksAndUnblocksAndTellsTheGatewaysAndTheDirectory() {
        String aliceToken = token(Mobiles.next());
        UserId alice = userOf(this.api.call(HttpMethod.GET, "/api/auth/me", null, aliceToken));
        UserId bob = userOf(this.api.loginFresh(Mobiles.next()));
        try (KafkaConsumer<String, SwitchboardEvent> events = revocations()) {
            block(aliceToken, bob).expectStatus(204);
            block(aliceToken, bob).expectStatus(204);

            assertThat(blocked(aliceToken)).containsExactly(bob.value());
            assertThat(directory().recipient(alice).join().blocks(bob)).isTrue();
            assertThat(directory().recipient(bob).join().blocks(alice)).isFalse();
            assertThat(awaitChange(events, alice)).isTrue();

            this.api.call(HttpMethod.DELETE, "/api/contacts/blocks/" + bob.value(), null, aliceToken).expectStatus(204);
            assertThat(blocked(aliceToken)).isEmpty();
            assertThat(directory().recipient(alice).join().blocks(bob)).isFalse();
            assertThat(awaitChange(events, alice)).isTrue();
        }
    }

    @Test
    void refusesBlocksOfOneselfOfNobodyAndPastTheMost() {
        String aliceToken = token(Mobiles.next());
        UserId alice = userOf(this.api.call(HttpMethod.GET, "/api/auth/me", null, aliceToken));

        assertThat(block(aliceToken, alice).expectStatus(400).text("code")).isEqualTo("invalid-request");
        assertThat(block(aliceToken, new UserId(alice.value() + 9_000_000)).expectStatus(404).text("code"))
            .isEqualTo("not-found");
        // at most 3 in the tests
        for (int i = 0; i < 3; i++) {
            block(aliceToken, userOf(this.api.loginFresh(Mobiles.next()))).expectStatus(204);
        }
        assertThat(block(aliceToken, userOf(this.api.loginFresh(Mobiles.next()))).expectStatus(409).text("code"))
            .isEqualTo("too-many-blocks");
        assertThat(blocked(aliceToken)).hasSize(3);
    }

    private HttpAnswer lookUp(String token, List<String> numbers) {
        return this.api.call(HttpMethod.POST, "/api/contacts/lookup", Map.of("numbers", numbers), token);
    }

    private HttpAnswer block(String token, UserId user) {
        return this.api.call(HttpMethod.PUT, "/api/contacts/blocks/" + user.value(), null, token);
    }

    private List<Long> blocked(String token) {
        List<Long> ids = new ArrayList<>();
        this.api.call(HttpMethod.GET, "/api/contacts/blocks", null, token)
            .expectStatus(200)
            .body()
            .get("blocked")
            .forEach((id) -> ids.add(id.asLong()));
        return ids;
    }

    private String token(String mobile) {
        return this.api.loginFresh(mobile).expectStatus(200).text("accessToken");
    }

    private static UserId userOf(HttpAnswer answer) {
        return new UserId(answer.expectStatus(200).body().get("userId").asLong());
    }

    private static List<String> numbers(int count) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(Mobiles.next());
        }
        return numbers;
    }

    private UserDirectory directory() {
        return new UserDirectory(
                WebClient.builder().baseUrl("http://localhost:" + this.port + "/internal/auth/users").build(),
                Duration.ofSeconds(5), new AuthClientProperties.Users(null, Duration.ofHours(1), Duration.ofSeconds(5),
                        1000, Duration.ofSeconds(60)));
    }

    private static boolean awaitChange(KafkaConsumer<String, SwitchboardEvent> events, UserId user) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, SwitchboardEvent> record : events.poll(Duration.ofMillis(200))) {
                if (record.value() instanceof BlocksChanged changed && changed.userId().equals(user)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static KafkaConsumer<String, SwitchboardEvent> revocations() {
        KafkaConsumer<String, SwitchboardEvent> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new EventDeserializer());
        consumer.subscribe(java.util.List.of(Topics.AUTH_REVOCATIONS));
        return consumer;
    }

}
