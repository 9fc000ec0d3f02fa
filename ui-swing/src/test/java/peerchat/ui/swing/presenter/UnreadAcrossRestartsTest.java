package peerchat.ui.swing.presenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.UserView;
import peerchat.store.event.GroupName;
import reactor.core.scheduler.Schedulers;

/**
 * What is unread outlives the window: one run of the presenter ends ({@link ChatPresenter#stop()}),
 * its {@link ReadMarks} are kept, the node goes on receiving, and the next run, on the same node
 * with those marks, counts what came since the user last looked.
 */
class UnreadAcrossRestartsTest {
    private static final Conversation ALL = Conversation.all();
    private static final Conversation DEV = new Conversation.Group(new GroupName("dev"));

    private final MemoryNode node = new MemoryNode("ann", "aaaaaaaa");
    private final List<ChatPresenter> runs = new ArrayList<>();
    private final AtomicInteger changes = new AtomicInteger();
    private RecordingView view;
    private ChatPresenter presenter;
    private UserView bob;
    private UserView cyd;

    @BeforeEach
    void world() {
        bob = node.peerUp("bob", "bbbbbbbb");
        cyd = node.peerUp("cyd", "cccccccc");
    }

    @AfterEach
    void stop() {
        runs.forEach(ChatPresenter::stop);
    }

    /** A window opened with {@code marks}, as the one before it left them. */
    private ChatPresenter run(ReadMarks marks) {
        view = new RecordingView();
        presenter = new ChatPresenter(node, view, Schedulers.immediate(),
                Clock.fixed(Instant.parse("2026-11-24T12:34:00Z"), ZoneOffset.UTC), marks, changes::incrementAndGet);
        runs.add(presenter);
        presenter.start();
        return presenter;
    }

    /** The window closes: what it had read, to open the next with (the node stays in the conversation it had open). */
    private ReadMarks close() {
        presenter.stop();
        return presenter.readMarks();
    }

    /** A first run in which ann is in #dev with bob and has read it, then back in #all. */
    private ReadMarks firstRunInDevThenAll() {
        run(ReadMarks.NONE);
        presenter.createGroup("dev");
        node.peerJoins(bob.id(), "dev");
        node.receive(bob.id(), DEV, "read before");
        presenter.select(ALL);
        return presenter.readMarks();
    }

    private ConversationItem item(String label) {
        return view.conversations.stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void whatCameSinceTheUserLastLookedIsCountedAtStartWithItsMentions() {
        firstRunInDevThenAll();
        node.receive(bob.id(), DEV, "one, while ann was in #all");
        node.receive(cyd.id(), new Conversation.Direct(cyd.id()), "psst");
        ReadMarks kept = close();

        node.receive(bob.id(), DEV, "two, while the window was closed");
        node.receive(bob.id(), DEV, "ann, a look?");
        run(kept);

        assertThat(view.conversations).extracting(ConversationItem::label, ConversationItem::unread, ConversationItem::mentioned)
                .containsExactly(tuple("#all", 0, false), tuple("#dev", 3, true), tuple("@cyd", 1, false));
        assertThat(view.title).isEqualTo("(4) ann@127.0.0.1:7117");
    }

    @Test
    void aGroupTheUserLeftIsNotCountedAtStart() {
        firstRunInDevThenAll();
        node.receive(bob.id(), DEV, "one, while ann was in #all");
        ReadMarks kept = close();
        node.receive(bob.id(), DEV, "two, while the window was closed");
        assertThat(node.execute("-leavegroup dev").block()).isInstanceOf(peerchat.engine.api.Reply.Done.class);

        run(kept);

        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all");
        assertThat(view.title).isEqualTo("ann@127.0.0.1:7117");
    }

    @Test
    void ownMessagesAndWhatWasSeenAreNotCountedNorWhatTheNodeHides() {
        firstRunInDevThenAll();
        presenter.submit("#dev mine, from #all");
        presenter.submit("-ignore @cyd");
        node.peerJoins(cyd.id(), "dev");
        node.receive(cyd.id(), DEV, "hidden by the node");
        presenter.openGroup("dev");
        node.receive(bob.id(), DEV, "seen as it came");
        ReadMarks kept = close();
        node.open(ALL);

        run(kept);

        assertThat(item("#dev").unread()).isZero();
        assertThat(view.title).isEqualTo("ann@127.0.0.1:7117");
    }

    @Test
    void aMessageThatCameWhileTheWindowWasElsewhereIsUnreadAfterARestartUnlessTheUserCameBack() {
        run(ReadMarks.NONE);
        presenter.createGroup("dev");
        node.peerJoins(bob.id(), "dev");
        presenter.windowActive(false);
        node.receive(bob.id(), DEV, "while ann was in another program");
        ReadMarks kept = close();
        node.open(ALL);

        run(kept);
        assertThat(item("#dev").unread()).isEqualTo(1);

        presenter.windowActive(false);
        presenter.openGroup("dev");
        presenter.windowActive(true);
        kept = close();
        node.open(ALL);
        run(kept);
        assertThat(item("#dev").unread()).isZero();
    }

    @Test
    void openingAConversationShowsTheDividerWhereWhatWasUnreadBegins() {
        firstRunInDevThenAll();
        node.receive(bob.id(), DEV, "new one");
        presenter.submit("#dev mine, from #all");
        ReadMarks kept = close();
        node.receive(bob.id(), DEV, "new two");

        run(kept);
        presenter.openGroup("dev");

        assertThat(view.texts()).containsExactly("read before", "2 new messages", "new one", "mine, from #all", "new two");
        assertThat(view.transcript.get(1).kind()).isEqualTo(Line.Kind.DIVIDER);
        assertThat(item("#dev").unread()).isZero();
    }

    @Test
    void theConversationOpenAtStartShowsItsDividerToo() {
        run(ReadMarks.NONE);
        node.receive(bob.id(), ALL, "seen");
        ReadMarks kept = close();
        node.receive(bob.id(), ALL, "came while closed");

        run(kept);

        assertThat(view.texts()).containsExactly("seen", "1 new message", "came while closed");
        assertThat(item("#all").unread()).isZero();
    }

    @Test
    void theFirstPageWaitsForTheCountSoItsDividerIsThereAndALiveMessageCountsOnce() {
        firstRunInDevThenAll();
        node.receive(bob.id(), ALL, "seen");
        ReadMarks kept = close();
        node.receive(bob.id(), ALL, "came while closed");
        node.receive(bob.id(), DEV, "dev, while closed");
        Runnable release = node.holdNextHistoryAfter();

        run(kept);
        assertThat(view.texts()).as("held until the count is done").isEmpty();
        node.receive(bob.id(), DEV, "dev, live while counting");
        node.receive(bob.id(), ALL, "all, live while counting");
        release.run();

        // The live one is shown as it comes: new, but not unread.
        assertThat(view.texts()).containsExactly("seen", "1 new message", "came while closed", "all, live while counting");
        assertThat(item("#dev").unread()).isEqualTo(2);
    }

    @Test
    void aMessageLoggedBeforeTheStartWhoseEventComesAfterIsCountedOnce() {
        firstRunInDevThenAll();
        ReadMarks kept = close();
        MessageView before = node.receive(bob.id(), DEV, "logged before the start, its event late");

        run(kept);
        presenter.onEvent(new ChatEvent.Message(before));

        assertThat(item("#dev").unread()).isEqualTo(1);
    }

    @Test
    void theMarkMovesAsMessagesAreSeenAndOnlyWhileTheWindowIsInFront() {
        run(ReadMarks.NONE);
        MessageView first = node.receive(bob.id(), ALL, "first");
        assertThat(presenter.readMarks().seen()).containsEntry("#all", first.cursor());
        int told = changes.get();

        presenter.windowActive(false);
        MessageView second = node.receive(bob.id(), ALL, "second, while elsewhere");
        assertThat(presenter.readMarks().seen()).containsEntry("#all", first.cursor());

        presenter.windowActive(true);
        assertThat(presenter.readMarks().seen()).containsEntry("#all", second.cursor());
        assertThat(changes.get()).isGreaterThan(told);
        assertThat(presenter.readMarks().end()).hasValue(second.cursor());
    }

    @Test
    void onTheFirstRunNothingInTheLogIsUnread() {
        node.preload(bob.id(), ALL, 50);
        node.preload(bob.id(), new Conversation.Direct(bob.id()), 5);

        run(ReadMarks.NONE);

        assertThat(view.conversations).extracting(ConversationItem::label, ConversationItem::unread)
                .containsExactly(tuple("#all", 0), tuple("@bob", 0));
        assertThat(view.texts()).doesNotContain("50 new messages").hasSize(50);
        assertThat(node.historyCalls).noneMatch(c -> c.startsWith("after "));
    }

    @Test
    void aConversationWithoutAMarkCountsWhatCameAfterTheEndTheWindowKnew() {
        node.preload(bob.id(), new Conversation.Direct(bob.id()), 3);
        node.preload(cyd.id(), new Conversation.Direct(cyd.id()), 2);
        ReadMarks kept = new ReadMarks(Map.of(), OptionalLong.of(node.historySize() - 1));
        node.preload(cyd.id(), new Conversation.Direct(cyd.id()), 4);
        node.preloadOwn(new Conversation.Direct(bob.id()), "mine does not count");

        run(kept);

        assertThat(view.conversations).extracting(ConversationItem::label, ConversationItem::unread)
                .containsExactlyInAnyOrder(tuple("#all", 0), tuple("@bob", 0), tuple("@cyd", 4));
    }

    @Test
    void aHugeBacklogIsReadOnlyInItsNewestPartAndItsCountIsAFloor() {
        node.preload(bob.id(), ALL, 10);
        ReadMarks kept = new ReadMarks(Map.of("#all", 9L), OptionalLong.of(9));
        node.preload(bob.id(), new Conversation.Direct(bob.id()), ChatPresenter.UNREAD_SCAN_LIMIT + 500);
        long end = node.historySize() - 1;

        run(kept);

        assertThat(item("@bob")).extracting(ConversationItem::unread, ConversationItem::atLeast, ConversationItem::count)
                .containsExactly(ChatPresenter.UNREAD_SCAN_LIMIT, true, ChatPresenter.UNREAD_SCAN_LIMIT + "+");
        assertThat(view.title).startsWith("(" + ChatPresenter.UNREAD_SCAN_LIMIT + "+) ");
        List<String> reads = node.historyCalls.stream().filter(c -> c.startsWith("after ")).collect(Collectors.toList());
        assertThat(reads).hasSize(ChatPresenter.UNREAD_SCAN_LIMIT / ChatPresenter.UNREAD_SCAN_PAGE)
                .first().isEqualTo("after " + (end - ChatPresenter.UNREAD_SCAN_LIMIT) + " " + ChatPresenter.UNREAD_SCAN_PAGE);

        presenter.openDirect(bob.id());
        assertThat(view.transcript.get(0).text()).isEqualTo(ChatPresenter.UNREAD_SCAN_LIMIT + "+ new messages");
    }
}
