package peerchat.store.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static peerchat.store.Fixtures.BOB;
import static peerchat.store.Fixtures.CAROL;
import static peerchat.store.Fixtures.ME;
import static peerchat.store.Fixtures.change;
import static peerchat.store.Fixtures.group;
import static peerchat.store.Fixtures.received;
import static peerchat.store.Fixtures.text;
import static peerchat.store.Fixtures.user;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.Fixtures;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Payload.Change;
import peerchat.store.event.Target;

/**
 * The history as it happened: each line under the name its sender wrote it under, and renames in
 * their place among the lines, on every page and after a restart (replay).
 */
class HistoryRenamesTest {
    private static final Conversation ALL = new Conversation.Group(GroupName.ALL);
    private static final Conversation DEV = new Conversation.Group(new GroupName("dev"));

    @TempDir
    Path dir;
    StoreFixture fixture;
    private long seq;
    private long clock = 100;

    @BeforeEach
    void open() {
        fixture = new StoreFixture(dir);
        fixture.given(Fixtures.identity(ME, "me"));
        fixture.given(Fixtures.seen(BOB, "bob"));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private History history() {
        return fixture.store().history();
    }

    private void said(NodeId from, Target to, String text) {
        fixture.given(received(from, ++seq, text(to, text), seq, ++clock).asDeliveredAtOnce());
    }

    private void said(NodeId from, String text) {
        said(from, group("all"), text);
    }

    private MessageId renamed(NodeId from, String name) {
        fixture.given(received(from, ++seq, new Payload.Rename(name), seq, ++clock).asDeliveredAtOnce());
        return new MessageId(from, seq);
    }

    private void changed(NodeId who, String group, Change change) {
        if (who.equals(ME)) {
            fixture.given(Fixtures.sent(ME, ++seq, change(group, change), Set.of(BOB), seq, ++clock));
        } else {
            fixture.given(received(who, ++seq, change(group, change), seq, ++clock).asDeliveredAtOnce());
        }
    }

    /** The page as a reader sees it: each rename before the first message at or after its position. */
    private static List<String> read(History.Page page) {
        List<String> lines = new ArrayList<>();
        int r = 0;
        for (HistoryEntry m : page.messages()) {
            for (; r < page.renames().size() && page.renames().get(r).position() <= m.position(); r++) {
                lines.add(notice(page.renames().get(r)));
            }
            lines.add(m.fromName() + ": " + m.text());
        }
        page.renames().subList(r, page.renames().size()).forEach(n -> lines.add(notice(n)));
        return lines;
    }

    private static String notice(RenameEntry r) {
        return "-- " + r.was() + " is now known as " + r.name();
    }

    /** What {@code read} gives live equals what it gives after a restart, and is {@code expected}. */
    private void readsLiveAndAfterRestart(Function<History, History.Page> page, String... expected) {
        assertThat(read(page.apply(history()))).containsExactly(expected);
        assertThat(read(page.apply(fixture.restart().history()))).as("after a restart").containsExactly(expected);
    }

    @Test
    void eachLineHasTheNameItWasWrittenUnderAndTheRenamesAreInTheirPlace() {
        said(BOB, "as bob");
        MessageId first = renamed(BOB, "bobby");
        long firstAt = clock;
        said(BOB, "as bobby");
        renamed(BOB, "robert");
        said(BOB, "as robert");

        readsLiveAndAfterRestart(h -> h.newestPage(ALL, 10, e -> true),
                "bob: as bob", "-- bob is now known as bobby", "bobby: as bobby", "-- bobby is now known as robert", "robert: as robert");
        readsLiveAndAfterRestart(h -> h.afterPage(-1, 10, e -> true),
                "bob: as bob", "-- bob is now known as bobby", "bobby: as bobby", "-- bobby is now known as robert", "robert: as robert");
        assertThat(history().newest(ALL, 10)).extracting(HistoryEntry::fromName).containsExactly("bob", "bobby", "robert");
        assertThat(history().rename(first)).hasValueSatisfying(r -> {
            assertThat(r.user()).isEqualTo(BOB);
            assertThat(r.sentAt()).as("the sender's clock").isEqualTo(firstAt - 5);
            assertThat(r.position()).isEqualTo(1);
        });
        assertThat(history().nameAt(BOB, 0)).isEqualTo("bob");
        assertThat(history().nameAt(BOB, 2)).isEqualTo("robert");
    }

    @Test
    void aHandshakeThatBringsTheNewestNameFirstRenamesNoLineWrittenBeforeIt() {
        said(BOB, "hi");
        // alice was away; bob comes back as robert, then what he wrote meanwhile is delivered
        fixture.given(Fixtures.seen(BOB, "robert"));
        said(BOB, "while you were away");
        renamed(BOB, "bobby");
        said(BOB, "as bobby");
        renamed(BOB, "robert");
        said(BOB, "as robert");

        readsLiveAndAfterRestart(h -> h.afterPage(0, 10, e -> true),
                "bob: while you were away", "-- bob is now known as bobby", "bobby: as bobby", "-- bobby is now known as robert",
                "robert: as robert");
    }

    @Test
    void aLineFromBeforeAnyNameWasKnownHasTheFirstOneAndThatNameIsNoRename() {
        said(CAROL, "who am I");
        MessageId first = renamed(CAROL, "carol");
        said(CAROL, "carol now");
        assertThat(history().rename(first)).as("no name before it: no notice").isEmpty();
        NodeId nameless = Fixtures.node(9);
        said(nameless, "never named");

        readsLiveAndAfterRestart(h -> h.newestPage(ALL, 10, e -> true), "carol: who am I", "carol: carol now", ": never named");
    }

    @Test
    void aLineDeliveredBeforeItsSendersFirstHandshakeHasTheFirstNameHeard() {
        said(CAROL, "first");
        fixture.given(Fixtures.seen(CAROL, "carol"));

        readsLiveAndAfterRestart(h -> h.newestPage(ALL, 10, e -> true), "carol: first");
    }

    @Test
    void pagingBackEachRenameIsOnOnePageAndNoneFromBeforeTheConversationBegan() {
        renamed(BOB, "b0"); // before anything was said in all: no part of its history
        said(BOB, "m1");
        said(BOB, "m2");
        renamed(BOB, "b1");
        said(BOB, "m3");
        said(BOB, "m4");
        renamed(BOB, "b2");
        said(BOB, "m5");
        said(BOB, "m6");
        renamed(BOB, "b3");

        History.Page newest = history().newestPage(ALL, 2, e -> true);
        assertThat(read(newest)).containsExactly("b2: m5", "b2: m6", "-- b2 is now known as b3");
        History.Page older = history().beforePage(ALL, newest.messages().get(0).position(), 2, e -> true);
        assertThat(read(older)).containsExactly("b1: m3", "b1: m4", "-- b1 is now known as b2");
        History.Page oldest = history().beforePage(ALL, older.messages().get(0).position(), 2, e -> true);
        assertThat(read(oldest)).containsExactly("b0: m1", "b0: m2", "-- b0 is now known as b1");
        assertThat(read(history().beforePage(ALL, oldest.messages().get(0).position(), 2, e -> true))).isEmpty();

        History.Page next = history().afterPage(-1, 2, e -> true);
        assertThat(read(next)).as("every conversation: from the cursor on").containsExactly("-- bob is now known as b0", "b0: m1", "b0: m2");
        assertThat(read(history().afterPage(next.messages().get(1).position(), 100, e -> true))).containsExactly(
                "-- b0 is now known as b1", "b1: m3", "b1: m4", "-- b1 is now known as b2", "b2: m5", "b2: m6", "-- b2 is now known as b3");
        assertThat(read(history().afterPage(5, 100, e -> true))).as("renames after the last message").containsExactly("-- b2 is now known as b3");
    }

    @Test
    void aGroupHasTheRenamesOfThoseInItThenAndADirectConversationThoseOfItsTwoUsers() {
        fixture.given(Fixtures.seen(CAROL, "carol"));
        changed(ME, "dev", Change.CREATE);
        changed(BOB, "dev", Change.JOIN);
        fixture.given(Fixtures.chat(ME, ++seq, group("dev"), "d1"));
        fixture.given(Fixtures.chat(ME, ++seq, user(BOB), "hi bob"));
        renamed(BOB, "bobby");
        renamed(CAROL, "caz"); // not in dev
        fixture.given(Fixtures.sent(ME, ++seq, new Payload.Rename("me2"), Set.of(BOB, CAROL), seq, ++clock));
        fixture.given(Fixtures.chat(ME, ++seq, group("dev"), "d2"));
        changed(BOB, "dev", Change.LEAVE);
        renamed(BOB, "robert"); // out of dev by then
        changed(CAROL, "dev", Change.JOIN);
        fixture.given(Fixtures.chat(ME, ++seq, group("dev"), "d3"));

        readsLiveAndAfterRestart(h -> h.newestPage(DEV, 10, e -> true),
                "me: d1", "-- bob is now known as bobby", "-- me is now known as me2", "me2: d2", "me2: d3");
        readsLiveAndAfterRestart(h -> h.newestPage(new Conversation.Direct(BOB), 10, e -> true),
                "me: hi bob", "-- bob is now known as bobby", "-- me is now known as me2", "-- bobby is now known as robert");
        assertThat(read(history().afterPage(-1, 10, e -> true))).contains("-- carol is now known as caz");
    }
}
