package dev.switchboard.system;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What a system test checked, printed in one line, and the checks behind the line.
 *
 * @param test the test
 * @param sent messages sent
 * @param received distinct messages received
 * @param frames message frames and sync entries seen (repeats included)
 * @param repeats copies of messages already held (live and sync overlapping,
 * redeliveries), collapsed by message id
 * @param duplicates sent messages that arrived as more than one message (two ids)
 * @param lost sent messages that never arrived
 * @param outOfOrder messages that arrived before an earlier one of their conversation
 */
record Report(String test, int sent, int received, int frames, int repeats, int duplicates, int lost, int outOfOrder) {

    /**
     * Compares what arrived with what was sent, and the order it arrived in with the
     * order the server accepted it.
     * @param test the test's name
     * @param sent the bodies the sender sent
     * @param acceptOrder the bodies in the order the server accepted them
     * @param receivedInOrder the bodies in the order first seen by the recipient
     * @param frames message frames the recipient saw
     * @param repeats repeats the recipient collapsed
     * @return the report
     */
    static Report of(String test, List<String> sent, List<String> acceptOrder, List<String> receivedInOrder, int frames,
            int repeats) {
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (String body : receivedInOrder) {
            if (!seen.add(body)) {
                duplicates++;
            }
        }
        int lost = (int) sent.stream().filter((body) -> !seen.contains(body)).count();
        List<String> arrived = receivedInOrder.stream().filter(acceptOrder::contains).distinct().toList();
        List<String> expected = acceptOrder.stream().filter(arrived::contains).toList();
        int outOfOrder = 0;
        for (int i = 0; i < arrived.size(); i++) {
            if (!arrived.get(i).equals(expected.get(i))) {
                outOfOrder++;
            }
        }
        Report report = new Report(test, sent.size(), seen.size(), frames, repeats, duplicates, lost, outOfOrder);
        System.out.println(report.line());
        if (lost > 0) {
            System.out.println("[system]   first lost: "
                    + sent.stream().filter((body) -> !seen.contains(body)).limit(10).toList());
        }
        return report;
    }

    /**
     * Waits until the condition holds or the time is up, without failing: the report that
     * follows says what is missing.
     */
    static void awaitUpTo(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            ChatClient.sleep(Duration.ofMillis(100));
        }
    }

    String line() {
        return String.format(
                "[system] %s: sent %d, received %d (%d message frames, %d repeats collapsed by id), "
                        + "duplicates %d, lost %d, out of order %d",
                this.test, this.sent, this.received, this.frames, this.repeats, this.duplicates, this.lost,
                this.outOfOrder);
    }

    boolean perfect() {
        return this.duplicates == 0 && this.lost == 0 && this.outOfOrder == 0 && this.received == this.sent;
    }

}
