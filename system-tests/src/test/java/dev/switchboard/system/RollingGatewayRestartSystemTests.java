package dev.switchboard.system;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import dev.switchboard.localstack.ServiceProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 2. Both gateways are restarted one after the other with SIGTERM (a rolling
 * update) under a stream: each drains its sessions with 1012, the clients reconnect to
 * the other node, and nothing is lost or duplicated.
 */
class RollingGatewayRestartSystemTests {

    @Test
    void drainsSessionsAndLosesNothingInARollingRestart() throws Exception {
        User alice = User.register();
        User bob = User.register();
        int count = 600;
        ServiceProcess gateway1 = SystemStack.stack().gateway(1);
        ServiceProcess gateway2 = SystemStack.stack().gateway(2);
        try (ChatClient a = new ChatClient(alice, false); ChatClient b = new ChatClient(bob, false)) {
            a.connect(1);
            b.connect(2);
            List<String> sent = IntStream.range(0, count).mapToObj((i) -> "rolling " + i + " " + alice.id()).toList();
            Thread sender = new Thread(() -> {
                for (String body : sent) {
                    a.send(bob.id(), body);
                    ChatClient.sleep(Duration.ofMillis(40));
                }
            }, "sender");
            sender.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.accepted().size() >= 50);

            long first = System.nanoTime();
            Thread stopping = new Thread(gateway1::stop, "stop-gateway-1");
            stopping.start();
            assertThat(a.awaitClosed(Duration.ofSeconds(30))).as("drained").isEqualTo(1012);
            a.reconnect(2, Duration.ofSeconds(30));
            double firstMove = (System.nanoTime() - first) / 1e9;
            stopping.join();
            SystemStack.restart(gateway1);
            int acceptedAfterFirst = a.accepted().size();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.accepted().size() >= acceptedAfterFirst + 30);

            long second = System.nanoTime();
            stopping = new Thread(gateway2::stop, "stop-gateway-2");
            stopping.start();
            assertThat(a.awaitClosed(Duration.ofSeconds(30))).as("drained").isEqualTo(1012);
            assertThat(b.awaitClosed(Duration.ofSeconds(30))).as("drained").isEqualTo(1012);
            a.reconnect(1, Duration.ofSeconds(30));
            b.reconnect(1, Duration.ofSeconds(30));
            double secondMove = (System.nanoTime() - second) / 1e9;
            stopping.join();
            SystemStack.restart(gateway2);
            sender.join();

            await().atMost(Duration.ofSeconds(60)).until(() -> a.pendingCount() == 0);
            List<String> acceptOrder = History.bodiesOnceStored(alice, bob.id(), count);
            Report.awaitUpTo(Duration.ofSeconds(60), () -> b.bodiesFrom(alice.id()).size() >= count);
            System.out.printf(
                    "[system] F2 rolling restart of both gateways (SIGTERM): sent %d, accepted %d; clients closed "
                            + "with 1012 and back on the other node %.1f s and %.1f s after each stop began%n",
                    count, a.accepted().size(), firstMove, secondMove);
            Report report = Report.of("F2 rolling gateway restart", sent, acceptOrder, b.bodiesFrom(alice.id()),
                    b.messageFrames(), b.repeats());
            assertThat(report.perfect()).isTrue();
        }
        finally {
            for (ServiceProcess gateway : List.of(gateway1, gateway2)) {
                if (!gateway.isAlive()) {
                    SystemStack.restart(gateway);
                }
            }
        }
    }

}
