package dev.switchboard.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 2. B is offline while A sends 100 messages; B connects and gets all 100, exactly once,
 * in order.
 */
class OfflineRecipientSystemTests {

    @Test
    void deliversEverythingToARecipientWhoWasOffline() {
        User alice = User.register();
        User bob = User.register();
        List<String> sent = new ArrayList<>();
        try (ChatClient a = new ChatClient(alice, false)) {
            a.connect(1);
            for (int i = 0; i < 100; i++) {
                String body = "offline " + i + " " + alice.id();
                sent.add(body);
                a.send(bob.id(), body);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> a.pendingCount() == 0);
        }
        List<String> acceptOrder = History.bodiesOnceStored(alice, bob.id(), 100);

        try (ChatClient b = new ChatClient(bob, false)) {
            b.connect(2);

            Report report = Report.of("2 offline recipient", sent, acceptOrder, b.bodiesFrom(alice.id()),
                    b.messageFrames(), b.repeats());
            assertThat(report.perfect()).isTrue();
            assertThat(acceptOrder).containsExactlyElementsOf(sent);
        }
    }

}
