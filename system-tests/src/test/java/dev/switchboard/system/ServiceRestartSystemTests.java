package dev.switchboard.system;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.switchboard.localstack.ServiceProcess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 5. message-service and history-service are restarted while A sends to B: nothing lost,
 * nothing duplicated, in B's view and in history.
 */
class ServiceRestartSystemTests {

    @Test
    void losesAndDuplicatesNothingAcrossServiceRestarts() throws Exception {
        User alice = User.register();
        User bob = User.register();
        int count = 300;
        ServiceProcess messageService = SystemStack.stack().service("message-service");
        ServiceProcess historyService = SystemStack.stack().service("history-service");
        try (ChatClient a = new ChatClient(alice, false); ChatClient b = new ChatClient(bob, false)) {
            a.connect(1);
            b.connect(2);
            List<String> sent = IntStream.range(0, count).mapToObj((i) -> "restart " + i + " " + alice.id()).toList();
            Thread sender = new Thread(() -> {
                for (String body : sent) {
                    a.send(bob.id(), body);
                    ChatClient.sleep(Duration.ofMillis(20));
                }
            }, "sender");
            sender.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> a.accepted().size() >= 50);
            messageService.stop();
            SystemStack.restart(messageService);
            await().atMost(Duration.ofSeconds(30)).until(() -> a.accepted().size() >= 150);
            historyService.stop();
            SystemStack.restart(historyService);
            sender.join();

            await().atMost(Duration.ofSeconds(60)).until(() -> a.pendingCount() == 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> b.bodiesFrom(alice.id()).size() >= count);
            List<String> acceptOrder = History.bodiesOnceStored(alice, bob.id(), count);
            Report report = Report.of("5 message- and history-service restarted", sent, acceptOrder,
                    b.bodiesFrom(alice.id()), b.messageFrames(), b.repeats());
            assertThat(report.perfect()).isTrue();
            assertThat(acceptOrder).as("history holds every sent message once")
                .containsExactlyInAnyOrderElementsOf(sent);

            List<JsonNode> stored = History.conversation(alice, bob.id());
            Set<String> ids = stored.stream().map((m) -> m.get("messageId").asString()).collect(Collectors.toSet());
            assertThat(stored).hasSize(count);
            assertThat(ids).hasSize(count);
            assertThat(stored).extracting((m) -> m.get("sequence").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, count).boxed().toList());
            System.out.println("[system] 5: history holds " + stored.size() + " rows, sequences 1.." + count);
        }
        finally {
            for (ServiceProcess service : List.of(messageService, historyService)) {
                if (!service.isAlive()) {
                    SystemStack.restart(service);
                }
            }
        }
    }

}
