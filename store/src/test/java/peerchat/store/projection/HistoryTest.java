package peerchat.store.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static peerchat.store.Fixtures.BOB;
import static peerchat.store.Fixtures.CAROL;
import static peerchat.store.Fixtures.ME;
import static peerchat.store.Fixtures.chat;
import static peerchat.store.Fixtures.group;
import static peerchat.store.Fixtures.received;
import static peerchat.store.Fixtures.text;
import static peerchat.store.Fixtures.user;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.Fixtures;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.Payload;
import peerchat.store.event.Payload.Change;

class HistoryTest {
    private static final Conversation ALL = new Conversation.Group(GroupName.ALL);

    @TempDir
    Path dir;
    StoreFixture fixture;

    @BeforeEach
    void open() {
        fixture = new StoreFixture(dir);
        fixture.given(Fixtures.identity(ME, "me"));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private History history() {
        return fixture.store().history();
    }

    private static List<String> texts(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::text).collect(Collectors.toList());
    }

    @Test
    void receivedMessagesAreInDeliveryOrderNotReceiveOrder() {
        long first = fixture.given(received(BOB, 1, text(group("all"), "question"), 1, 10));
        long second = fixture.given(received(CAROL, 1, text(group("all"), "answer"), 1, 11));
        assertThat(history().size(ALL)).isZero();
        // The causal buffer held the question back: the answer is delivered first.
        fixture.given(new Event.MessageDelivered(new MessageId(CAROL, 1), 12));
        fixture.given(chat(ME, 1, group("all"), "mine"));
        fixture.given(new Event.MessageDelivered(new MessageId(BOB, 1), 14));

        List<HistoryEntry> entries = history().newest(ALL, 10);
        assertThat(texts(entries)).containsExactly("answer", "mine", "question");
        assertThat(entries.get(0)).satisfies(e -> {
            assertThat(e.id()).isEqualTo(new MessageId(CAROL, 1));
            assertThat(e.from()).isEqualTo(CAROL);
            assertThat(e.to()).isEqualTo(group("all"));
            assertThat(e.sentAt()).isEqualTo(6);
            assertThat(e.deliveredAt()).isEqualTo(12);
            assertThat(e.index()).isEqualTo(second);
        });
        assertThat(entries.get(1).deliveredAt()).isEqualTo(entries.get(1).sentAt());
    }

    @Test
    void directMessagesAreTheConversationWithTheOtherUser() {
        fixture.given(chat(ME, 1, user(BOB), "to bob"));
        long at = fixture.given(received(BOB, 1, text(user(ME), "to me"), 1, 20));
        fixture.given(new Event.MessageDelivered(new MessageId(BOB, 1), 21));
        fixture.given(chat(ME, 2, user(CAROL), "to carol"));

        assertThat(texts(history().newest(new Conversation.Direct(BOB), 10))).containsExactly("to bob", "to me");
        assertThat(texts(history().newest(new Conversation.Direct(CAROL), 10))).containsExactly("to carol");
        assertThat(history().conversations()).containsExactlyInAnyOrder(new Conversation.Direct(BOB), new Conversation.Direct(CAROL));
    }

    @Test
    void onlyChatGoesInHistory() {
        fixture.given(Fixtures.sent(ME, 1, Fixtures.change("team", Change.CREATE), Set.of(BOB), 1, 1));
        assertThat(history().size()).isZero();
        assertThat(history().conversations()).isEmpty();
    }

    @Test
    void newestAndPagingBackwardsWalkTheWholeConversationOldestFirstPerPage() {
        for (int i = 1; i <= 25; i++) {
            fixture.given(chat(ME, i, group("all"), "m" + i));
            fixture.given(chat(ME, 100 + i, group("other"), "o" + i));
        }
        assertThat(history().size(ALL)).isEqualTo(25);
        List<HistoryEntry> page = history().newest(ALL, 10);
        assertThat(texts(page)).containsExactly("m16", "m17", "m18", "m19", "m20", "m21", "m22", "m23", "m24", "m25");
        page = history().before(ALL, page.get(0).position(), 10);
        assertThat(texts(page)).containsExactly("m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13", "m14", "m15");
        page = history().before(ALL, page.get(0).position(), 10);
        assertThat(texts(page)).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(history().before(ALL, page.get(0).position(), 10)).isEmpty();
        assertThat(history().newest(new Conversation.Group(new GroupName("nobody")), 10)).isEmpty();
        assertThat(history().newest(ALL, 0)).isEmpty();
    }

    @Test
    void afterACursorComeTheNextMessagesOfEveryConversationInDeliveryOrder() {
        fixture.given(chat(ME, 1, group("all"), "a1"));
        fixture.given(received(BOB, 1, text(user(ME), "held"), 1, 10)); // buffered: not in history yet
        fixture.given(chat(ME, 2, group("dev"), "d1"));
        fixture.given(new Event.MessageDelivered(new MessageId(BOB, 1), 12));
        fixture.given(chat(ME, 3, group("all"), "a2"));

        assertThat(texts(history().after(-1, 10))).containsExactly("a1", "d1", "held", "a2");
        List<HistoryEntry> page = history().after(-1, 2);
        assertThat(texts(page)).containsExactly("a1", "d1");
        assertThat(texts(history().after(page.get(1).position(), 2))).containsExactly("held", "a2");
        assertThat(history().after(3, 10)).isEmpty();
        assertThat(history().after(Long.MAX_VALUE - 1, 10)).isEmpty();
        assertThat(history().after(-1, 0)).isEmpty();
    }

    @Test
    void searchIsCaseInsensitiveNewestFirstAndLimited() {
        fixture.given(chat(ME, 1, group("all"), "Hello world"));
        fixture.given(chat(ME, 2, group("dev"), "HELLO dev"));
        fixture.given(chat(ME, 3, group("all"), "bye"));
        fixture.given(chat(ME, 4, user(BOB), "well, hello"));

        assertThat(texts(history().search(History.EVERYWHERE, "hello", 10))).containsExactly("well, hello", "HELLO dev", "Hello world");
        assertThat(texts(history().search(History.EVERYWHERE, "hello", 2))).containsExactly("well, hello", "HELLO dev");
        assertThat(texts(history().search(ALL, "HeLLo", 10))).containsExactly("Hello world");
        assertThat(history().search(ALL, "absent", 10)).isEmpty();
    }

    @Test
    void pagesOfWhatIsShownAreFullAndWhatIsNotShownDoesNotCount() {
        for (int i = 1; i <= 12; i++) {
            fixture.given(received(i % 3 == 0 ? CAROL : BOB, i, text(group("all"), "m" + i), i, i).asDeliveredAtOnce());
        }
        Predicate<HistoryEntry> notCarol = e -> !e.from().equals(CAROL);

        List<HistoryEntry> page = history().newest(ALL, 3, notCarol);
        assertThat(texts(page)).containsExactly("m8", "m10", "m11");
        page = history().before(ALL, page.get(0).position(), 4, notCarol);
        assertThat(texts(page)).containsExactly("m2", "m4", "m5", "m7");
        assertThat(texts(history().before(ALL, page.get(0).position(), 4, notCarol))).containsExactly("m1");

        List<HistoryEntry> next = history().after(-1, 3, notCarol);
        assertThat(texts(next)).containsExactly("m1", "m2", "m4");
        assertThat(texts(history().after(next.get(2).position(), 100, notCarol))).containsExactly("m5", "m7", "m8", "m10", "m11");
        assertThat(texts(history().search(History.EVERYWHERE, "m1", 10, notCarol))).containsExactly("m11", "m10", "m1");
        assertThat(history().newest(ALL, 5, e -> false)).isEmpty();
    }

    @Test
    void whoIsIgnoredIsWhatTheLogLastSaidAndComesBackAfterRestart() {
        fixture.given(new Event.UserIgnored(BOB, true, 1));
        fixture.given(new Event.UserIgnored(CAROL, true, 2));
        fixture.given(new Event.UserIgnored(CAROL, false, 3));
        assertThat(fixture.store().ignored().all()).containsExactly(BOB);
        assertThat(fixture.restart().ignored().contains(BOB)).isTrue();
        assertThat(fixture.store().ignored().contains(CAROL)).isFalse();
    }

    @Test
    void historyComesBackAfterRestartFromTheLog() {
        for (int i = 1; i <= 5; i++) {
            fixture.given(chat(ME, i, group("all"), "m" + i));
        }
        List<HistoryEntry> before = history().newest(ALL, 100);
        assertThat(fixture.restart().history().newest(ALL, 100)).isEqualTo(before);
    }

    @Test
    void aMessageHeldBackWhenItCameIsSaidToHaveBeenAfterARestartToo() {
        fixture.given(received(BOB, 1, text(group("all"), "at once"), 1, 10).asDeliveredAtOnce());
        fixture.given(received(BOB, 2, text(group("all"), "waited"), 2, 11));
        fixture.given(chat(ME, 1, group("all"), "mine"));
        fixture.given(new Event.MessageDelivered(new MessageId(BOB, 2), 13));

        Predicate<History> asLive = h -> h.newest(ALL, 10).stream().map(e -> e.text() + "=" + e.heldBack()).collect(Collectors.toList())
                .equals(List.of("at once=false", "mine=false", "waited=true"));
        assertThat(history()).matches(asLive);
        assertThat(fixture.restart()).extracting(s -> s.history()).matches(asLive);
    }

    @Test
    void theUsersNameAtEachMessageFollowsTheirRenamesAcrossARestart() {
        fixture.given(chat(ME, 1, group("all"), "as me"));
        fixture.given(Fixtures.sent(ME, 2, new Payload.Rename("me2"), Set.of(BOB), 1, 2));
        fixture.given(received(BOB, 1, text(group("all"), "hi me2"), 1, 3).asDeliveredAtOnce());
        fixture.given(Fixtures.sent(ME, 3, new Payload.Rename("me3"), Set.of(BOB), 2, 4));

        Predicate<History> named = h -> h.selfNameAt(0).equals("me") && h.selfNameAt(1).equals("me2") && h.selfNameAt(2).equals("me3");
        assertThat(history()).matches(named);
        assertThat(fixture.restart()).extracting(s -> s.history()).matches(named);
    }

    @Test
    void aDeliveryOfNoReceivedMessageIsIgnored() {
        long at = fixture.given(received(BOB, 1, text(group("all"), "x"), 1, 10));
        fixture.given(new Event.MessageDelivered(new MessageId(BOB, 2), 11)); // never received
        assertThat(history().size()).isZero();
        fixture.given(new Event.MessageDelivered(new MessageId(BOB, 1), 12));
        fixture.given(new Event.MessageDelivered(new MessageId(BOB, 1), 13)); // twice
        assertThat(texts(history().newest(ALL, 10))).containsExactly("x");
    }
}
