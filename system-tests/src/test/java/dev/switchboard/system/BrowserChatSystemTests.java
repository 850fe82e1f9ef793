package dev.switchboard.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.model.id.UserId;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 11. The web chat page (served by the gateway at {@code /}, speaking STOMP at
 * {@code /stomp}) in two real headless Chromium contexts, one per gateway node: both log
 * in with a code, chat, see typing and delivered and read ticks; then one goes offline,
 * the other writes, and when the first comes back it shows exactly what it missed, once
 * each and in order; after a reload, history pages back through the whole conversation.
 * Screenshots of both are kept under {@code target/browser/}.
 */
class BrowserChatSystemTests {

    private static final Pattern USER = Pattern.compile("You are user (\\d+)");

    @Test
    void twoPeopleChatInTheBrowserAcrossNodesAndOneCatchesUpAfterBeingOffline() {
        try (Browser alice = Browser.open("alice", 1280, 860); Browser bob = Browser.open("bob", 390, 844)) {
            long aliceId = logIn(alice, 1);
            long bobId = logIn(bob, 2);
            alice.screenshot("1-logged-in");

            // Alice opens a chat with Bob's id and writes.
            alice.type("#new-peer", Long.toString(bobId));
            alice.click("#new-chat");
            alice.type("#message-input", "hello bob", Keys.ENTER);
            alice.until(() -> status(alice, "hello bob").equals("delivered"));

            // Bob sees the conversation with one unread message, opens it, and Alice's
            // tick
            // turns to read.
            String conversation = "dm-" + Math.min(aliceId, bobId) + "-" + Math.max(aliceId, bobId);
            String item = "#conversations li[data-conversation-id='" + conversation + "']";
            bob.until(() -> "1".equals(bob.find(item).getAttribute("data-unread")));
            bob.screenshot("2-unread");
            bob.click(item + " button");
            bob.until(() -> bodies(bob).equals(List.of("hello bob")));
            alice.until(() -> status(alice, "hello bob").equals("read"));

            // Bob types: Alice sees it; then he answers.
            bob.find("#message-input").sendKeys("hi");
            alice.until(() -> alice.text("#typing").equals("typing…"));
            alice.screenshot("3-typing");
            bob.find("#message-input").sendKeys(" alice", Keys.ENTER);
            alice.until(() -> bodies(alice).equals(List.of("hello bob", "hi alice")));
            bob.until(() -> status(bob, "hi alice").equals("read"));
            alice.until(() -> alice.text("#typing").isEmpty());
            bob.screenshot("3-chatting");

            // Bob goes offline; Alice writes three messages, which Kafka accepts.
            bob.offline(true);
            bob.until(() -> bob.text("#connection").startsWith("Offline"));
            List<String> missed = List.of("while you were away 1", "while you were away 2", "while you were away 3");
            for (String body : missed) {
                alice.type("#message-input", body, Keys.ENTER);
            }
            alice.until(() -> missed.stream().allMatch((body) -> status(alice, body).equals("sent")));
            bob.screenshot("4-offline");
            assertThat(bodies(bob)).as("nothing reaches an offline page").containsExactly("hello bob", "hi alice");

            // Bob comes back: the page reconnects, syncs, and shows each missed message
            // once, in order; Alice sees them delivered and read.
            bob.offline(false);
            bob.until(() -> bob.text("#connection").equals("Connected"));
            bob.until(() -> bodies(bob).size() == 5);
            assertThat(bodies(bob)).containsExactly("hello bob", "hi alice", "while you were away 1",
                    "while you were away 2", "while you were away 3");
            alice.until(() -> missed.stream().allMatch((body) -> status(alice, body).equals("read")));
            bob.screenshot("5-caught-up");
            alice.screenshot("5-read");
            assertThat(alice.text("#typing")).as("nobody typed since").isEmpty();

            // Alice's other device (a /messaging client with the page's token) writes 30
            // more: both pages show them live, Alice's as her own.
            String token = (String) alice
                .script("return JSON.parse(localStorage.getItem('switchboard.session')).token");
            List<String> expected = new ArrayList<>(List.of("hello bob", "hi alice", "while you were away 1",
                    "while you were away 2", "while you were away 3"));
            try (ChatClient app = new ChatClient(new User(new UserId(aliceId), "", token), true)) {
                app.connect(1);
                for (int i = 1; i <= 30; i++) {
                    app.send(new UserId(bobId), "page " + i);
                    expected.add("page " + i);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> app.accepted().size() == 30);
            }
            bob.until(() -> bodies(bob).equals(expected));
            alice.until(() -> bodies(alice).equals(expected));

            // A reload starts from the stored session and cursor: the conversation shows
            // its newest 30 from history, and the older ones page in, without a
            // duplicate.
            bob.get(SystemStack.gatewayHttp(2).toString());
            bob.until(() -> bob.text("#connection").equals("Connected"));
            bob.click(item + " button");
            bob.until(() -> bodies(bob).equals(expected.subList(5, 35)));
            bob.click("#older");
            bob.until(() -> bodies(bob).size() == 35);
            assertThat(bodies(bob)).containsExactlyElementsOf(expected);
            assertThat(bob.find("#older").isDisplayed()).as("the first message is shown").isFalse();
            bob.screenshot("6-history");
            System.out.println("[system] browser: alice " + aliceId + " on node 1, bob " + bobId
                    + " on node 2 (phone width); 35 messages (30 from a second device, paged back after a reload), ticks delivered and read, 3 missed while offline "
                    + "shown once each after reconnecting; screenshots in " + Browser.ARTEFACTS.toAbsolutePath());
        }
    }

    private static long logIn(Browser browser, int node) {
        browser.get(SystemStack.gatewayHttp(node).toString());
        browser.type("#mobile", User.newMobile());
        browser.click("#get-code");
        // the local stack exposes codes, and the page shows and fills it in
        browser.until(() -> browser.text("#code-hint").startsWith("Local run: your code is"));
        browser.click("#login");
        browser.until(() -> browser.text("#connection").equals("Connected"));
        Matcher me = USER.matcher(browser.text("#me"));
        assertThat(me.find()).as(browser.text("#me")).isTrue();
        return Long.parseLong(me.group(1));
    }

    private static List<String> bodies(Browser browser) {
        return browser.all("#messages li .body").stream().map(WebElement::getText).toList();
    }

    private static String status(Browser browser, String body) {
        for (WebElement message : browser.all("#messages li.mine")) {
            if (message.findElement(org.openqa.selenium.By.cssSelector(".body")).getText().equals(body)) {
                return message.getAttribute("data-status");
            }
        }
        return "absent";
    }

}
