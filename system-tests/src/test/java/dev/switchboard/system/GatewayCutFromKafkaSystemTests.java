package dev.switchboard.system;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import dev.switchboard.localstack.TcpProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 9. Gateway node 2 is cut from Kafka for 30 s (its broker connections go through a
 * proxy that drops them and refuses new ones) while its users send and receive: it
 * accepts nothing without the broker's ack (its clients get {@code send_failed} and
 * resend), keeps its sessions open, and delivers again once it reaches the broker,
 * without its clients reconnecting. Nothing is lost or duplicated.
 */
class GatewayCutFromKafkaSystemTests {

    private static final Duration CUT = Duration.ofSeconds(30);

    @Test
    void acceptsNothingUnackedKeepsSessionsAndResumesDelivery() throws Exception {
        User alice = User.register();
        User bob = User.register();
        User carol = User.register();
        User dave = User.register();
        int count = 500;
        TcpProxy proxy = SystemStack.kafkaProxyOfGateway2();
        try (ChatClient a = new ChatClient(alice, false);
                ChatClient b = new ChatClient(bob, false);
                ChatClient c = new ChatClient(carol, false);
                ChatClient d = new ChatClient(dave, false)) {
            a.connect(2);
            b.connect(1);
            c.connect(2);
            d.connect(1);
            List<String> fromAlice = IntStream.range(0, count).mapToObj((i) -> "cut " + i + " " + alice.id()).toList();
            List<String> fromDave = IntStream.range(0, count).mapToObj((i) -> "cut " + i + " " + dave.id()).toList();
            Thread sender = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    a.send(bob.id(), fromAlice.get(i));
                    d.send(carol.id(), fromDave.get(i));
                    ChatClient.sleep(Duration.ofMillis(80));
                }
            }, "sender");
            sender.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.accepted().size() >= 40);

            proxy.cut();
            long cut = System.nanoTime();
            ChatClient.sleep(Duration.ofSeconds(2));
            int acceptedSoonAfterCut = a.accepted().size();
            int carolHadSoonAfterCut = c.bodiesFrom(dave.id()).size();
            ChatClient.sleep(CUT.minus(Duration.ofNanos(System.nanoTime() - cut)));
            int acceptedWhileCut = a.accepted().size() - acceptedSoonAfterCut;
            int deliveredWhileCut = c.bodiesFrom(dave.id()).size() - carolHadSoonAfterCut;
            assertThat(a.isConnected()).as("the sender's session stays open").isTrue();
            assertThat(c.isConnected()).as("the recipient's session stays open").isTrue();

            proxy.restore();
            long restored = System.nanoTime();
            int acceptedAtRestore = a.accepted().size();
            int carolAtRestore = c.bodiesFrom(dave.id()).size();
            Report.awaitUpTo(Duration.ofSeconds(60),
                    () -> a.accepted().size() > acceptedAtRestore && c.bodiesFrom(dave.id()).size() > carolAtRestore);
            double recovery = (System.nanoTime() - restored) / 1e9;
            sender.join();

            await().atMost(Duration.ofSeconds(90)).until(() -> a.pendingCount() == 0 && d.pendingCount() == 0);
            List<String> aliceOrder = History.bodiesOnceStored(alice, bob.id(), count);
            List<String> daveOrder = History.bodiesOnceStored(dave, carol.id(), count);
            Report.awaitUpTo(Duration.ofSeconds(60),
                    () -> b.bodiesFrom(alice.id()).size() >= count && c.bodiesFrom(dave.id()).size() >= count);
            System.out.printf(
                    "[system] F9 gateway 2 cut from Kafka for %d s: its sender's messages accepted while cut %d "
                            + "(send_failed %d), its recipient's deliveries while cut %d; sessions stayed open; "
                            + "accepting and delivering again %.1f s after the cut ended%n",
                    CUT.toSeconds(), acceptedWhileCut, a.errors().getOrDefault("send_failed", 0), deliveredWhileCut,
                    recovery);
            Report sent = Report.of("F9 gateway cut from Kafka, its user sending", fromAlice, aliceOrder,
                    b.bodiesFrom(alice.id()), b.messageFrames(), b.repeats());
            Report received = Report.of("F9 gateway cut from Kafka, its user receiving", fromDave, daveOrder,
                    c.bodiesFrom(dave.id()), c.messageFrames(), c.repeats());
            assertThat(acceptedWhileCut).as("accepted without the broker").isZero();
            assertThat(deliveredWhileCut).as("delivered without the broker").isZero();
            assertThat(a.connects()).as("no reconnect needed").isEqualTo(1);
            assertThat(c.connects()).as("no reconnect needed").isEqualTo(1);
            assertThat(recovery).isLessThan(60);
            assertThat(sent.perfect()).isTrue();
            assertThat(received.perfect()).isTrue();
        }
        finally {
            proxy.restore();
        }
    }

}
