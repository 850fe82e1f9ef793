package dev.switchboard.system;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 12. Contacts and blocks through the whole suite: alice finds bob by his number, blocks
 * him, and from then on bob's messages (still accepted, on another gateway node) reach
 * neither her sockets nor her history, while bob's own history keeps them; after she
 * unblocks him, his next message reaches her.
 */
class BlocksSystemTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aBlockedSendersMessagesAreAcceptedAndNeverReachTheBlocker() {
        User alice = User.register();
        User bob = User.register();
        JsonNode found = alice
            .call("POST", "/api/contacts/lookup",
                    "{\"numbers\":[\"" + bob.mobile() + "\",\"" + User.newMobile() + "\"]}")
            .expectStatus(200)
            .body();
        assertThat(found.get("contacts")).hasSize(1);
        assertThat(found.get("contacts").get(0).get("userId").asLong()).isEqualTo(bob.id().value());

        try (ChatClient a = new ChatClient(alice, true); ChatClient b = new ChatClient(bob, true)) {
            a.connect(1);
            b.connect(2);
            b.send(alice.id(), "before the block");
            await().atMost(WAIT).until(() -> a.bodiesFrom(bob.id()).contains("before the block"));

            alice.call("PUT", "/api/contacts/blocks/" + bob.id().value(), null).expectStatus(204);
            // auth-service has the event on Kafka before it answers; the gateways read it
            // within milliseconds (docs/auth.md, "Blocks")
            pause();
            b.send(alice.id(), "while blocked");
            b.send(alice.id(), "still blocked");
            await().atMost(WAIT).until(() -> b.accepted().size() == 3);
            assertThat(History.bodiesOnceStored(bob, alice.id(), 3)).contains("while blocked", "still blocked");

            alice.call("DELETE", "/api/contacts/blocks/" + bob.id().value(), null).expectStatus(204);
            pause();
            b.send(alice.id(), "after the block");
            await().atMost(WAIT).until(() -> a.bodiesFrom(bob.id()).contains("after the block"));

            assertThat(a.bodiesFrom(bob.id())).containsExactly("before the block", "after the block");
            assertThat(History.bodiesOnceStored(alice, bob.id(), 2)).containsExactlyInAnyOrder("before the block",
                    "after the block");
            System.out.println("[system] blocks: 2 of bob's 4 messages accepted while blocked, withheld from alice's "
                    + "socket and history, kept in bob's");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
