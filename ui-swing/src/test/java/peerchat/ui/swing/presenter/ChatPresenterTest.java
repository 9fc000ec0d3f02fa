package peerchat.ui.swing.presenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * The window's logic, driven directly: the node is an in-memory one that answers at once, and the
 * UI thread is the test's own thread ({@code Schedulers.immediate()}), so every step is visible
 * to the next line of the test.
 */
class ChatPresenterTest {
    private static final Conversation ALL = Conversation.all();

    private final MemoryNode node = new MemoryNode("ann", "aaaaaaaa");
    private final RecordingView view = new RecordingView();
    private final ChatPresenter presenter = new ChatPresenter(node, view, Schedulers.immediate(),
            Clock.fixed(Instant.parse("2026-11-24T12:34:00Z"), ZoneOffset.UTC));
    private UserView bob;
    private UserView cyd;

    @BeforeEach
    void world() {
        bob = node.peerUp("bob", "bbbbbbbb");
        cyd = node.peerUp("cyd", "cccccccc");
    }

    @AfterEach
    void stop() {
        presenter.stop();
    }

    private List<String> callsFor(String key) {
        return node.historyCalls.stream().filter(c -> c.startsWith(key + " ")).collect(Collectors.toList());
    }

    @Test
    void opensOnTheNodesCurrentConversationWithItsRecentHistory() {
        node.receive(bob.id(), ALL, "hello");
        node.receive(cyd.id(), ALL, "hi bob");

        presenter.start();

        assertThat(view.title).isEqualTo("ann@127.0.0.1:7117");
        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all");
        assertThat(view.selected).isZero();
        assertThat(view.transcript).extracting(Line::from, Line::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", "hello"),
                        org.assertj.core.groups.Tuple.tuple("cyd", "hi bob"));
        // MemoryNode's messages are from November 2023; the clock says 2026.
        assertThat(view.transcript.get(0).time()).matches("Nov 14 \\d\\d:\\d\\d");
    }

    @Test
    void theTitleCountsUnreadMessagesAndThoseThatCameWhileTheWindowWasElsewhere() {
        presenter.start();
        presenter.createGroup("dev");
        node.peerJoins(bob.id(), "dev");
        presenter.select(ALL);
        assertThat(view.title).isEqualTo("ann@127.0.0.1:7117");

        node.receive(bob.id(), new Conversation.Group(new GroupName("dev")), "in dev");
        assertThat(view.title).isEqualTo("(1) ann@127.0.0.1:7117");
        node.receive(bob.id(), ALL, "in all, looked at");
        assertThat(view.title).isEqualTo("(1) ann@127.0.0.1:7117");

        presenter.windowActive(false);
        node.receive(bob.id(), ALL, "in all, while away");
        presenter.submit("my own does not count");
        assertThat(view.title).isEqualTo("(2) ann@127.0.0.1:7117");

        presenter.windowActive(true);
        assertThat(view.title).isEqualTo("(1) ann@127.0.0.1:7117");
        presenter.openGroup("dev");
        assertThat(view.title).isEqualTo("ann@127.0.0.1:7117");
    }

    @Test
    void directConversationsInTheLogAreListedAtStartWithoutUnread() {
        node.receive(cyd.id(), new Conversation.Direct(cyd.id()), "from before the restart");

        presenter.start();

        assertThat(view.conversations).extracting(ConversationItem::label, ConversationItem::unread)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("#all", 0),
                        org.assertj.core.groups.Tuple.tuple("@cyd", 0));
    }

    @Test
    void liveMessagesOfTheCurrentConversationAppendAndOwnOnesAreMarked() {
        presenter.start();

        node.receive(bob.id(), ALL, "first");
        presenter.submit("my answer\n");

        assertThat(view.texts()).containsExactly("first", "my answer");
        assertThat(view.transcript).extracting(Line::own).containsExactly(false, true);
        assertThat(node.executed).containsExactly("my answer");
        assertThat(view.status).isEmpty();
    }

    /** Started, in #dev with bob, then back in #all: what comes to #dev now is unread. */
    private Conversation devWithBobFromAll() {
        presenter.start();
        presenter.createGroup("dev");
        node.peerJoins(bob.id(), "dev");
        presenter.select(ALL);
        return new Conversation.Group(new GroupName("dev"));
    }

    @Test
    void anActionIsALineOfItsSenderDoingIt() {
        presenter.start();

        node.receive(bob.id(), ALL, "/me waves");
        node.receive(bob.id(), ALL, "/meh");

        assertThat(view.transcript).extracting(Line::action, Line::shownText).containsExactly(
                org.assertj.core.groups.Tuple.tuple(true, "* bob waves"), org.assertj.core.groups.Tuple.tuple(false, "/meh"));
    }

    @Test
    void messagesElsewhereCountAsUnreadUntilThatConversationIsOpened() {
        Conversation dev = devWithBobFromAll();
        node.receive(bob.id(), dev, "in dev 1");
        node.receive(bob.id(), dev, "in dev 2");
        presenter.submit("#dev my own does not count");

        assertThat(view.unread("#dev")).isEqualTo(2);
        assertThat(view.unread("#all")).isZero();
        assertThat(view.texts()).isEmpty();

        presenter.openGroup("dev");

        assertThat(view.unread("#dev")).isZero();
        assertThat(view.texts()).containsExactly("2 new messages", "in dev 1", "in dev 2", "my own does not count");
    }

    @Test
    void aConversationWithAnUnreadMessageThatNamesTheUserIsMarkedUntilOpened() {
        Conversation dev = devWithBobFromAll();
        node.receive(bob.id(), dev, "in dev");
        assertThat(view.conversations).filteredOn(c -> c.label().equals("#dev")).singleElement()
                .matches(c -> c.unread() == 1 && !c.mentioned());
        node.receive(bob.id(), dev, "ann, a look?");
        assertThat(view.conversations).filteredOn(c -> c.label().equals("#dev")).singleElement()
                .matches(c -> c.unread() == 2 && c.mentioned());

        presenter.openGroup("dev");
        presenter.select(ALL);
        node.receive(bob.id(), dev, "later");
        assertThat(view.conversations).filteredOn(c -> c.label().equals("#dev")).singleElement()
                .matches(c -> c.unread() == 1 && !c.mentioned());
    }

    @Test
    void aDividerMarksWhereWhatWasUnreadBeginsAndOnlyThen() {
        presenter.start();
        presenter.createGroup("dev");
        node.peerJoins(bob.id(), "dev");
        Conversation dev = new Conversation.Group(new GroupName("dev"));
        node.receive(bob.id(), dev, "read before");
        presenter.select(ALL);
        node.receive(bob.id(), dev, "new one");
        presenter.submit("#dev mine, from #all");
        node.receive(bob.id(), dev, "new two");

        presenter.openGroup("dev");
        assertThat(view.texts()).containsExactly("read before", "2 new messages", "new one", "mine, from #all", "new two");
        assertThat(view.transcript.get(1).kind()).isEqualTo(Line.Kind.DIVIDER);

        presenter.select(ALL);
        presenter.openGroup("dev");
        assertThat(view.texts()).as("nothing unread: no divider").containsExactly("read before", "new one", "mine, from #all", "new two");
    }

    @Test
    void aConversationWithMoreUnreadThanAPageOpensWhereTheyBegin() {
        presenter.start();
        presenter.openDirect(bob.id());
        Conversation direct = new Conversation.Direct(bob.id());
        for (int i = 1; i <= 30; i++) {
            node.receive(bob.id(), direct, "read " + i);
        }
        presenter.select(ALL);
        for (int i = 1; i <= 500; i++) {
            node.receive(bob.id(), direct, "new " + i);
        }

        presenter.openDirect(bob.id());

        assertThat(view.texts()).hasSize(531).containsOnlyOnce("500 new messages");
        assertThat(view.texts().subList(29, 32)).containsExactly("read 30", "500 new messages", "new 1");
        assertThat(view.scrolledToDivider).as("opened at the divider, not at the newest").isEqualTo(1);
        assertThat(callsFor("@bbbbbbbb")).filteredOn(c -> c.contains(" before ")).as("the pages back to them").hasSize(5);
    }

    @Test
    void aDividerBeforeMoreUnreadThanTheWindowReadsBackForWaitsAtTheTopUntilThePageWhereTheyBeginComes() {
        int unread = ChatPresenter.OPEN_AT_UNREAD + 50;
        String divider = unread + " new messages";
        presenter.start();
        presenter.createGroup("dev");
        node.peerJoins(bob.id(), "dev");
        Conversation dev = new Conversation.Group(new GroupName("dev"));
        for (int i = 1; i <= 50; i++) {
            node.receive(bob.id(), dev, "read " + i);
        }
        presenter.select(ALL);
        for (int i = 1; i <= unread; i++) {
            node.receive(bob.id(), dev, "new " + i);
        }

        presenter.openGroup("dev");
        assertThat(view.texts().subList(0, 2)).containsExactly(divider, "new " + (unread - 99));
        assertThat(view.scrolledToDivider).as("opened at the newest").isZero();

        presenter.loadOlder();
        assertThat(view.texts().subList(0, 2)).as("still above all shown").containsExactly(divider, "new " + (unread - 199));
        assertThat(view.texts()).containsOnlyOnce(divider);

        for (int page = 0; page < unread / ChatPresenter.PAGE + 1 && !presenter.atBeginning(); page++) {
            presenter.loadOlder();
        }
        assertThat(presenter.atBeginning()).isTrue();
        assertThat(view.texts().subList(49, 52)).containsExactly("read 50", divider, "new 1");
        assertThat(view.texts()).hasSize(50 + 1 + unread).containsOnlyOnce(divider);
        assertThat(view.scrolledToDivider).isZero();
    }

    @Test
    void aDirectConversationWithSomeoneOfflineIsMarkedAwayAndBackWhenTheyAre() {
        presenter.start();
        presenter.openDirect(bob.id());
        assertThat(view.conversations).filteredOn(c -> c.label().equals("@bob")).singleElement()
                .matches(c -> !c.away());

        node.peerDown(bob.id());
        assertThat(view.conversations).filteredOn(c -> c.label().equals("@bob")).singleElement()
                .matches(ConversationItem::away);
        assertThat(view.conversations).filteredOn(c -> c.label().equals("#all")).singleElement()
                .matches(c -> !c.away());

        node.peerUp("bob", "bbbbbbbb");
        assertThat(view.conversations).filteredOn(c -> c.label().equals("@bob")).singleElement()
                .matches(c -> !c.away());
    }

    @Test
    void aDirectConversationWithSomeoneIgnoredIsMarkedSoUntilUnignored() {
        presenter.start();
        presenter.openDirect(bob.id());
        presenter.select(ALL);
        assertThat(view.conversations).filteredOn(c -> c.label().equals("@bob")).singleElement().matches(c -> !c.ignored());

        presenter.ignore(bob.id());
        assertThat(view.conversations).filteredOn(c -> c.label().equals("@bob")).singleElement().matches(ConversationItem::ignored);
        assertThat(view.conversations).filteredOn(c -> c.label().equals("#all")).singleElement().matches(c -> !c.ignored());

        presenter.unignore(bob.id());
        assertThat(view.conversations).filteredOn(c -> c.label().equals("@bob")).singleElement().matches(c -> !c.ignored());
    }

    @Test
    void aDirectMessageAddsItsConversationWithAnUnreadCount() {
        presenter.start();

        node.receive(bob.id(), new Conversation.Direct(bob.id()), "psst");

        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all", "@bob");
        assertThat(view.unread("@bob")).isEqualTo(1);

        presenter.openDirect(bob.id());

        assertThat(view.unread("@bob")).isZero();
        assertThat(view.texts()).containsExactly("1 new message", "psst");
        assertThat(view.members).extracting(UserItem::label).containsExactly("ann", "bob");
        assertThat(node.current()).isEqualTo(new Conversation.Direct(bob.id()));
    }

    @Test
    void openingADirectConversationWithOneselfDoesNothing() {
        presenter.start();

        presenter.openDirect(node.self().id());

        assertThat(presenter.current()).isEqualTo(ALL);
    }

    @Test
    void aLongConversationOpensWithOnePageAndPagesBackToTheBeginning() {
        node.preload(bob.id(), ALL, 100_000);

        presenter.start();

        assertThat(callsFor("#all")).containsExactly("#all last " + ChatPresenter.PAGE);
        assertThat(view.transcript).hasSize(ChatPresenter.PAGE);
        assertThat(view.transcript.get(0).text()).isEqualTo("message 99901");
        assertThat(view.transcript.get(99).text()).isEqualTo("message 100000");

        presenter.loadOlder();

        assertThat(view.transcript).hasSize(2 * ChatPresenter.PAGE);
        assertThat(view.texts().subList(0, 2)).containsExactly("message 99801", "message 99802");
        assertThat(view.texts()).isEqualTo(IntStream.rangeClosed(99801, 100000).mapToObj(i -> "message " + i)
                .collect(Collectors.toList()));
        assertThat(presenter.atBeginning()).isFalse();
    }

    @Test
    void pagingStopsAtTheFirstMessage() {
        node.preload(bob.id(), ALL, 150);
        presenter.start();

        presenter.loadOlder();
        presenter.loadOlder();
        presenter.loadOlder();

        assertThat(view.texts()).isEqualTo(IntStream.rangeClosed(1, 150).mapToObj(i -> "message " + i)
                .collect(Collectors.toList()));
        assertThat(presenter.atBeginning()).isTrue();
        assertThat(callsFor("#all")).hasSize(2);
    }

    @Test
    void aMessageThatArrivesWhileTheFirstPageLoadsIsShownOnceAfterIt() {
        node.receive(bob.id(), ALL, "old");
        Runnable release = node.holdNextHistory();
        presenter.start();

        node.receive(cyd.id(), ALL, "during the load");
        assertThat(view.texts()).isEmpty();
        release.run();

        assertThat(view.texts()).containsExactly("old", "during the load");
    }

    @Test
    void aPageForAConversationNoLongerOpenIsDropped() {
        node.receive(bob.id(), ALL, "in all");
        Runnable release = node.holdNextHistory();
        presenter.start();

        presenter.openDirect(bob.id());
        release.run();

        assertThat(view.texts()).isEmpty();
        assertThat(presenter.current()).isEqualTo(new Conversation.Direct(bob.id()));
    }

    @Test
    void groupsAreCreatedJoinedAndLeft() {
        presenter.start();

        presenter.createGroup("Dev");
        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all", "#dev");
        assertThat(presenter.current()).isEqualTo(new Conversation.Group(new GroupName("dev")));
        assertThat(view.groups).contains(new GroupItem("dev", 1, true));

        node.peerJoins(bob.id(), "ops");
        assertThat(view.groups).contains(new GroupItem("ops", 1, false));
        presenter.joinGroup("ops");
        assertThat(view.groups).contains(new GroupItem("ops", 2, true));
        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all", "#dev", "#ops");
        assertThat(presenter.leavableGroup()).contains("ops");

        presenter.leaveGroup("ops");

        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all", "#dev");
        assertThat(presenter.current()).isEqualTo(ALL);
        assertThat(presenter.leavableGroup()).isEmpty();
        assertThat(node.executed).containsExactly("-creategroup Dev", "-joingroup ops", "-leavegroup ops");
    }

    @Test
    void onlyAGroupTheUserIsInAndNotAllCanBeLeft() {
        presenter.start();
        presenter.createGroup("dev");
        node.peerJoins(bob.id(), "ops");

        assertThat(view.groups).extracting(GroupItem::name, GroupItem::leavable).containsExactly(
                org.assertj.core.groups.Tuple.tuple("all", false), org.assertj.core.groups.Tuple.tuple("dev", true),
                org.assertj.core.groups.Tuple.tuple("ops", false));
        assertThat(presenter.leavableGroup()).contains("dev");

        // Open without joining it (-open #ops): the menu's Leave group has nothing to leave.
        presenter.openGroup("ops");
        assertThat(presenter.leavableGroup()).isEmpty();
    }

    @Test
    void leavingAGroupDropsItAndWhatWasUnreadThereFromTheConversationsAndTheTitle() {
        Conversation dev = devWithBobFromAll();
        presenter.createGroup("ops");
        node.peerJoins(bob.id(), "ops");
        presenter.select(ALL);
        Conversation ops = new Conversation.Group(new GroupName("ops"));
        for (int i = 1; i <= 4; i++) {
            node.receive(bob.id(), dev, "ann, dev " + i);
        }
        node.receive(bob.id(), ops, "ops 1");
        assertThat(view.conversations).extracting(ConversationItem::label, ConversationItem::unread).containsExactly(
                org.assertj.core.groups.Tuple.tuple("#all", 0), org.assertj.core.groups.Tuple.tuple("#dev", 4),
                org.assertj.core.groups.Tuple.tuple("#ops", 1));
        assertThat(view.title).isEqualTo("(5) ann@127.0.0.1:7117");

        presenter.submit("-leavegroup dev");

        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all", "#ops");
        assertThat(view.title).isEqualTo("(1) ann@127.0.0.1:7117");

        // The Leave button's way.
        presenter.leaveGroup("ops");

        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all");
        assertThat(view.title).isEqualTo("ann@127.0.0.1:7117");
    }

    @Test
    void aMessageStillOnItsWayToAGroupJustLeftNeitherCountsNorBringsItBack() {
        Conversation dev = devWithBobFromAll();
        presenter.leaveGroup("dev");
        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all");

        // Sent by bob before the leave reached him: it arrives after it.
        node.receive(bob.id(), dev, "ann, still there?");

        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all");
        assertThat(presenter.unread(dev)).isZero();
        assertThat(view.title).isEqualTo("ann@127.0.0.1:7117");

        // It is kept, and shown where the group is open (-open #dev), without a divider; so is the next.
        presenter.openGroup("dev");
        assertThat(view.texts()).containsExactly("ann, still there?");
        node.receive(bob.id(), dev, "guess not");
        assertThat(view.texts()).containsExactly("ann, still there?", "guess not");
        presenter.select(ALL);
        node.receive(bob.id(), dev, "bye then");
        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all");
        assertThat(view.title).isEqualTo("ann@127.0.0.1:7117");
    }

    @Test
    void badInputIsAnErrorInTheWindowAndNothingBreaks() {
        presenter.start();

        presenter.createGroup("no spaces please");
        assertThat(view.statusIsError).isTrue();
        assertThat(view.status).contains("group name");

        presenter.joinGroup("nosuch");
        assertThat(view.statusIsError).isTrue();
        assertThat(view.status).isEqualTo("no group nosuch");

        presenter.submit("-bogus");
        assertThat(view.status).contains("unknown command");

        presenter.leaveGroup("all");
        assertThat(view.statusIsError).isTrue();

        presenter.submit("still works");
        assertThat(view.texts()).containsExactly("still works");
        assertThat(view.status).isEmpty();
        assertThat(node.executed).doesNotContain("-creategroup no spaces please");
    }

    @Test
    void commandAnswersAppearAsNoticesInTheTranscript() {
        presenter.start();

        presenter.submit("-lu");

        Line notice = view.transcript.get(view.transcript.size() - 1);
        assertThat(notice.kind()).isEqualTo(Line.Kind.NOTICE);
        assertThat(notice.time()).isEqualTo("12:34");
        assertThat(notice.text()).contains("ann", "bob", "cyd");
    }

    @Test
    void afterStopAnswersStillOnTheirWayAreDropped() {
        node.receive(bob.id(), ALL, "old");
        Runnable release = node.holdNextHistory();
        presenter.start();

        presenter.stop();
        release.run();
        node.receive(bob.id(), ALL, "after the window closed");

        assertThat(view.texts()).isEmpty();
    }

    @Test
    // A bounce would spin inside one drain of publishOn's queue: fail after a while instead of hanging.
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void switchingQuicklyDoesNotBounceBetweenConversations() {
        // A UI thread that runs nothing until the test says so, like a busy EDT.
        java.util.Deque<Runnable> queued = new java.util.ArrayDeque<>();
        RecordingView slowView = new RecordingView();
        ChatPresenter slow = new ChatPresenter(node, slowView, Schedulers.fromExecutor(queued::add),
                Clock.systemUTC());
        slow.start();
        drain(queued);
        node.receive(bob.id(), new Conversation.Direct(bob.id()), "psst");
        drain(queued);

        slow.openDirect(bob.id());
        slow.select(ALL);
        slow.openDirect(bob.id());
        drain(queued);

        assertThat(slow.current()).isEqualTo(new Conversation.Direct(bob.id()));
        assertThat(node.current()).isEqualTo(new Conversation.Direct(bob.id()));
        assertThat(slowView.texts()).containsExactly("psst");
        slow.stop();
    }

    /** Runs what was queued, and what that queues; a ping-pong would never end, so it is bounded. */
    private static void drain(java.util.Deque<Runnable> queued) {
        for (int i = 0; i < 1000 && !queued.isEmpty(); i++) {
            queued.poll().run();
        }
        assertThat(queued).as("the UI thread settles").isEmpty();
    }

    @Test
    void quittingFromTheComposeBoxClosesTheWindow() {
        presenter.start();

        presenter.submit("-q");

        assertThat(view.closed).isTrue();
    }

    @Test
    void searchesFilterAsYouTypeBestMatchesFirst() {
        node.peerUp("Bobby", "dddddddd");
        node.peerUp("abob", "eeeeeeee");
        presenter.start();
        presenter.createGroup("bo");
        presenter.createGroup("robots");
        presenter.createGroup("bots");

        presenter.searchUsers("BOB");
        presenter.searchGroups("bo");

        assertThat(view.users).extracting(UserItem::label).containsExactly("bob", "Bobby", "abob");
        assertThat(view.groups).extracting(GroupItem::name).containsExactly("bo", "bots", "robots");

        presenter.searchUsers("");
        assertThat(view.users).hasSize(5);
    }

    @Test
    void messagesHeldBackAreExplainedInTheStatusAndTheTranscript() {
        presenter.start();

        node.heldBack(2, "2 messages held back, each until what it follows has arrived:\n  cyd: 2 messages, waiting for messages from bob");

        assertThat(view.status).isEqualTo("2 messages held back, each until what it follows has arrived:");
        assertThat(view.statusIsError).isFalse();
        assertThat(view.transcript).last().extracting(Line::text).asString().endsWith("cyd: 2 messages, waiting for messages from bob");
    }

    @Test
    void aWarningIsAnErrorInTheStatusAndANoticeInTheTranscript() {
        presenter.start();

        node.warning("another node uses this node's identity, at 127.0.0.9:7117");

        assertThat(view.status).isEqualTo("another node uses this node's identity, at 127.0.0.9:7117");
        assertThat(view.statusIsError).isTrue();
        assertThat(view.transcript).last().extracting(Line::text).asString().isEqualTo("warning: another node uses this node's identity, at 127.0.0.9:7117");
    }

    @Test
    void theMemberListShowsPresenceOnlineFirst() {
        presenter.start();
        assertThat(view.members).extracting(UserItem::label).containsExactly("ann", "bob", "cyd");

        node.peerDown(bob.id());

        assertThat(view.members).extracting(UserItem::label, UserItem::online).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ann", true),
                org.assertj.core.groups.Tuple.tuple("cyd", true),
                org.assertj.core.groups.Tuple.tuple("bob", false));
        assertThat(view.membersHeading).isEqualTo("#all · 3");
    }

    @Test
    void theGroupsMemberCountsFollowUsersComing() {
        presenter.start();
        assertThat(view.groups).containsExactly(new GroupItem("all", 3, true));

        node.peerUp("dan", "dddddddd");

        assertThat(view.groups).containsExactly(new GroupItem("all", 4, true));
        assertThat(view.membersHeading).isEqualTo("#all · 4");
    }

    @Test
    void keyboardSwitchingWalksTheSidebarAndWraps() {
        presenter.start();
        presenter.createGroup("dev");
        node.receive(bob.id(), new Conversation.Direct(bob.id()), "psst");
        presenter.select(ALL);

        presenter.selectRelative(1);
        assertThat(presenter.current().key()).isEqualTo("#dev");
        presenter.selectRelative(1);
        assertThat(presenter.current()).isEqualTo(new Conversation.Direct(bob.id()));
        presenter.selectRelative(1);
        assertThat(presenter.current()).isEqualTo(ALL);
        presenter.selectRelative(-1);
        assertThat(presenter.current()).isEqualTo(new Conversation.Direct(bob.id()));
        presenter.selectIndex(1);
        assertThat(presenter.current().key()).isEqualTo("#dev");
        presenter.selectIndex(7);
        assertThat(presenter.current().key()).isEqualTo("#dev");
    }

    @Test
    void aConversationOpenedByCommandIsFollowed() {
        presenter.start();

        node.open(new Conversation.Direct(cyd.id()));

        assertThat(presenter.current()).isEqualTo(new Conversation.Direct(cyd.id()));
        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all", "@cyd");
        assertThat(view.selected).isEqualTo(1);
        assertThat(List.copyOf(node.historyCalls)).last().isEqualTo("@cccccccc last " + ChatPresenter.PAGE);
    }

    // ---------------------------------------------------------------- ignoring a user

    private static final String IGNORING_BOB = "ignoring bob: their messages are hidden, past ones too (-unignore @bob shows them again)";
    private static final String SHOWING_BOB = "showing bob's messages again, past ones too";

    private boolean ignoredIn(List<UserItem> list, String label) {
        return list.stream().filter(u -> u.label().equals(label)).findFirst().orElseThrow().ignored();
    }

    @Test
    void ignoringAUserHidesTheirLinesAtOnceAndUnignoringBringsThemBackThePastOnesToo() {
        node.receive(bob.id(), ALL, "from bob");
        node.receive(cyd.id(), ALL, "from cyd");
        presenter.start();
        assertThat(ignoredIn(view.users, "bob")).isFalse();

        presenter.ignore(bob.id());

        assertThat(node.executed).containsExactly("-ignore @bob");
        assertThat(view.texts()).containsExactly("from cyd", IGNORING_BOB);
        assertThat(view.status).isEqualTo(IGNORING_BOB);
        assertThat(ignoredIn(view.users, "bob")).isTrue();
        assertThat(ignoredIn(view.members, "bob")).isTrue();
        assertThat(ignoredIn(view.users, "cyd")).isFalse();

        node.receive(bob.id(), ALL, "while ignored");
        node.receive(cyd.id(), ALL, "cyd again");
        assertThat(view.texts()).containsExactly("from cyd", IGNORING_BOB, "cyd again");
        assertThat(view.title).as("nothing unread").isEqualTo("ann@127.0.0.1:7117");

        presenter.unignore(bob.id());

        assertThat(node.executed).containsExactly("-ignore @bob", "-unignore @bob");
        assertThat(view.texts()).containsExactly("from bob", "from cyd", IGNORING_BOB, "while ignored", "cyd again", SHOWING_BOB);
        assertThat(ignoredIn(view.users, "bob")).isFalse();
        assertThat(ignoredIn(view.members, "bob")).isFalse();
        node.receive(bob.id(), ALL, "after");
        assertThat(view.texts()).last().isEqualTo("after");
    }

    @Test
    void ignoreTypedInTheComposeBoxReloadsTooAndEarlierAnswersStayWhereTheyWere() {
        node.receive(bob.id(), ALL, "one");
        presenter.start();
        presenter.submit("-lu");
        node.receive(cyd.id(), ALL, "two");
        String users = view.texts().get(1);

        presenter.submit("-ignore @bob");

        assertThat(view.texts()).containsExactly(users, "two", IGNORING_BOB);
        assertThat(callsFor("#all")).hasSize(2);

        presenter.submit("-ignore");
        assertThat(view.texts()).last().isEqualTo("you ignore bob (-unignore @user shows theirs again)");
        assertThat(callsFor("#all")).as("asking whom one ignores changes nothing: not read again").hasSize(2);

        presenter.submit("-unignore bob");
        assertThat(view.texts()).containsExactly("one", users, "two", IGNORING_BOB,
                "you ignore bob (-unignore @user shows theirs again)", SHOWING_BOB);
        assertThat(callsFor("#all")).hasSize(3);
    }

    @Test
    void whatAnIgnoredUserWroteStopsCountingAsUnreadAndMentioning() {
        Conversation dev = devWithBobFromAll();
        node.peerJoins(cyd.id(), "dev");
        node.receive(bob.id(), dev, "ann, bob here");
        node.receive(cyd.id(), dev, "cyd here");
        assertThat(view.conversations).filteredOn(c -> c.label().equals("#dev")).singleElement()
                .matches(c -> c.unread() == 2 && c.mentioned());

        presenter.ignore(bob.id());

        assertThat(view.conversations).filteredOn(c -> c.label().equals("#dev")).singleElement()
                .matches(c -> c.unread() == 1 && !c.mentioned());
        assertThat(view.title).isEqualTo("(1) ann@127.0.0.1:7117");
        presenter.openGroup("dev");
        assertThat(view.texts()).containsExactly("1 new message", "cyd here");
    }

    @Test
    void aMessageOfSomeoneJustIgnoredStillOnItsWayIsNotShown() {
        presenter.start();
        presenter.ignore(bob.id());
        MessageView late = node.receive(bob.id(), ALL, "sent before the ignore took effect");
        MessageView elsewhere = node.receive(bob.id(), new Conversation.Direct(bob.id()), "psst");

        presenter.onEvent(new ChatEvent.Message(late));
        presenter.onEvent(new ChatEvent.Message(elsewhere));

        assertThat(view.texts()).containsExactly(IGNORING_BOB);
        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all");
    }

    @Test
    void aSlowReloadShowsWhatCameMeanwhileOnceAndInOrder() {
        node.receive(bob.id(), ALL, "b1");
        node.receive(cyd.id(), ALL, "c1");
        presenter.start();
        Runnable release = node.holdNextHistory();

        presenter.ignore(bob.id());
        node.receive(cyd.id(), ALL, "c2");
        node.receive(bob.id(), ALL, "b2");
        presenter.submit("-ignore");
        assertThat(view.texts()).as("the old transcript until the page comes")
                .containsExactly("b1", "c1", IGNORING_BOB, "you ignore bob (-unignore @user shows theirs again)");

        release.run();

        assertThat(view.texts()).containsExactly("c1", IGNORING_BOB, "c2", "you ignore bob (-unignore @user shows theirs again)");

        // The answer that came during the read stays after what that page showed, when read again.
        node.receive(cyd.id(), ALL, "c3");
        presenter.unignore(bob.id());
        assertThat(view.texts()).containsExactly("b1", "c1", IGNORING_BOB, "c2", "you ignore bob (-unignore @user shows theirs again)",
                "b2", "c3", SHOWING_BOB);
    }

    @Test
    void ignoringOneselfOrSomeoneTwiceIsAnErrorAndNothingIsReadAgain() {
        node.receive(bob.id(), ALL, "from bob");
        presenter.start();

        presenter.ignore(node.self().id());
        assertThat(view.statusIsError).isTrue();
        assertThat(view.status).isEqualTo("that is you");

        presenter.unignore(bob.id());
        assertThat(view.statusIsError).isTrue();
        assertThat(view.status).isEqualTo("you do not ignore bob");

        presenter.ignore(bob.id());
        presenter.ignore(bob.id());
        assertThat(view.status).startsWith("you ignore bob already");

        assertThat(callsFor("#all")).hasSize(2);
        assertThat(view.texts()).containsExactly(IGNORING_BOB);
    }

    // ---------------------------------------------------------------- another name

    @Test
    void someoneWhoTakesAnotherNameIsShownByItEverywhereAndTheTranscriptSaysSo() {
        node.receive(bob.id(), new Conversation.Direct(bob.id()), "psst");
        node.receive(bob.id(), ALL, "hi all");
        presenter.start();
        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all", "@bob");

        node.rename(bob.id(), "bobby");

        assertThat(view.texts()).containsExactly("hi all", "bob is now known as bobby");
        Line said = view.transcript.get(1);
        assertThat(said.kind()).isEqualTo(Line.Kind.NOTICE);
        // At the time the name was taken (MemoryNode's are in November 2023), as a message's is the
        // time it was sent: the same line as a page read again gives.
        assertThat(said.time()).matches("Nov 14 \\d\\d:\\d\\d");
        assertThat(view.users).extracting(UserItem::label).containsExactly("ann", "bobby", "cyd");
        assertThat(view.members).extracting(UserItem::label).containsExactly("ann", "bobby", "cyd");
        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all", "@bobby");
        assertThat(view.title).as("someone else's name is not in the title").isEqualTo("ann@127.0.0.1:7117");

        // In the direct conversation: its heading and members follow too, the rename told while it
        // was elsewhere is read in its place with the page, and the next one is said there.
        presenter.openDirect(bob.id());
        assertThat(view.texts()).containsExactly("psst", "bob is now known as bobby");
        node.rename(bob.id(), "rob");
        assertThat(view.membersHeading).isEqualTo("@rob");
        assertThat(view.members).extracting(UserItem::label).containsExactly("ann", "rob");
        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all", "@rob");
        assertThat(view.texts()).containsExactly("psst", "bob is now known as bobby", "bobby is now known as rob");

        // Kept in its place, once, when the transcript is read again.
        node.receive(bob.id(), new Conversation.Direct(bob.id()), "it's rob now");
        presenter.ignore(cyd.id());
        assertThat(view.texts()).containsExactly("psst", "bob is now known as bobby", "bobby is now known as rob", "it's rob now",
                "ignoring cyd: their messages are hidden, past ones too (-unignore @cyd shows them again)");
    }

    @Test
    void takingAnotherNameRenamesTheTitleAndSaysSoOnce() {
        presenter.start();
        node.receive(bob.id(), new Conversation.Direct(bob.id()), "psst");
        // The node tells before its self() has the new name (the answer comes after): the title goes by what it is told.
        List<String> titleWhenTold = new java.util.ArrayList<>();
        node.events().subscribe(e -> {
            if (e instanceof ChatEvent.Renamed) {
                titleWhenTold.add(view.title);
            }
        });

        presenter.submit("/nick ann2");

        assertThat(node.executed).containsExactly("/nick ann2");
        assertThat(titleWhenTold).containsExactly("(1) ann2@127.0.0.1:7117");
        assertThat(view.title).isEqualTo("(1) ann2@127.0.0.1:7117");
        assertThat(view.texts()).containsExactly("you are now known as ann2");
        assertThat(view.status).isEqualTo("you are now known as ann2");
        assertThat(view.statusIsError).isFalse();
        assertThat(view.users).extracting(UserItem::label).containsExactly("ann2", "bob", "cyd");
        assertThat(view.members).extracting(UserItem::label).containsExactly("ann2", "bob", "cyd");
        assertThat(presenter.myName()).isEqualTo("ann2");

        // The window's dialog takes the same road.
        presenter.changeName("  ann3 ");

        assertThat(node.executed).containsExactly("/nick ann2", "-nick ann3");
        assertThat(view.title).isEqualTo("(1) ann3@127.0.0.1:7117");
        assertThat(view.texts()).containsExactly("you are now known as ann2", "you are now known as ann3");
        assertThat(node.self().name()).isEqualTo("ann3");
    }

    @Test
    void aNameThatCannotBeIsAnErrorInTheStatusLineAndNothingChanges() {
        presenter.start();

        presenter.changeName("two words");
        assertThat(view.statusIsError).isTrue();
        assertThat(view.status).isEqualTo("a name is one word, without spaces: 'two words'");

        presenter.changeName("ann");
        assertThat(view.statusIsError).isTrue();
        assertThat(view.status).isEqualTo("you are ann already");

        presenter.submit("-nick");
        assertThat(view.status).isEqualTo("missing argument: -nick <name>");

        assertThat(view.texts()).isEmpty();
        assertThat(view.title).isEqualTo("ann@127.0.0.1:7117");
        assertThat(presenter.myName()).isEqualTo("ann");
    }

    @Test
    void linesKeepTheNameTheyWereWrittenUnderAndTheNoticeSaysWhoBecameWhom() {
        node.receive(bob.id(), ALL, "as bob");
        presenter.start();
        presenter.submit("as ann");

        node.rename(bob.id(), "bobby");
        presenter.submit("/nick ann2");
        node.receive(bob.id(), ALL, "as bobby");
        presenter.submit("as ann2");

        assertThat(view.transcript).extracting(Line::from, Line::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bob", "as bob"),
                org.assertj.core.groups.Tuple.tuple("ann", "as ann"),
                org.assertj.core.groups.Tuple.tuple("", "bob is now known as bobby"),
                org.assertj.core.groups.Tuple.tuple("", "you are now known as ann2"),
                org.assertj.core.groups.Tuple.tuple("bobby", "as bobby"),
                org.assertj.core.groups.Tuple.tuple("ann2", "as ann2"));
    }

    @Test
    void aNameTakenThatChangesAnothersLabelChangesTheirLinesButNotTheTakersOwn() {
        node.receive(bob.id(), ALL, "from bob");
        node.receive(cyd.id(), ALL, "from cyd");
        node.receive(bob.id(), ALL, "bob again");
        presenter.start();

        // cyd takes bob's name: the node tells the two apart by address, bob's label changing untold.
        node.relabel(bob.id(), "bob@127.0.0.2");
        node.rename(cyd.id(), "bob", "bob@127.0.0.3");

        // Bob's lines follow (the two bobs never read as one); cyd's stay under the name he wrote them as.
        assertThat(view.transcript).extracting(Line::from, Line::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bob@127.0.0.2", "from bob"),
                org.assertj.core.groups.Tuple.tuple("cyd", "from cyd"),
                org.assertj.core.groups.Tuple.tuple("bob@127.0.0.2", "bob again"),
                org.assertj.core.groups.Tuple.tuple("", "cyd is now known as bob@127.0.0.3"));
        assertThat(view.users).extracting(UserItem::label).containsExactly("ann", "bob@127.0.0.2", "bob@127.0.0.3");
    }

    @Test
    void aRenameIsSaidWhereTheUserIsNotInSomeoneElsesConversation() {
        node.receive(bob.id(), ALL, "from bob");
        presenter.start();
        presenter.openDirect(bob.id());
        node.rename(cyd.id(), "cyrus", "cyrus");
        assertThat(view.transcript).extracting(Line::text).noneMatch(t -> t.contains("known as"));
        presenter.select(Conversation.all());
        node.rename(cyd.id(), "cy", "cy");
        assertThat(view.transcript).extracting(Line::text).contains("cyrus is now known as cy");
    }

    @Test
    void aConversationOpensWithTheRenamesAmongItsMessagesWhereTheyCameSaidWhereTheyAreSaidLive() {
        Conversation dev = new Conversation.Group(new GroupName("dev"));
        node.execute("-creategroup dev").block();
        node.peerJoins(bob.id(), "dev");
        node.receive(bob.id(), ALL, "hello");
        node.receive(bob.id(), dev, "as bob");
        node.rename(bob.id(), "bobby");
        node.rename(cyd.id(), "cyrus");
        node.execute("-nick ann2").block();
        node.receive(bob.id(), dev, "as bobby");

        presenter.start();
        // In #all: everyone's; the last after the last message, up to now.
        assertThat(view.transcript).extracting(Line::kind, Line::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Line.Kind.MESSAGE, "hello"),
                org.assertj.core.groups.Tuple.tuple(Line.Kind.NOTICE, "bob is now known as bobby"),
                org.assertj.core.groups.Tuple.tuple(Line.Kind.NOTICE, "cyd is now known as cyrus"),
                org.assertj.core.groups.Tuple.tuple(Line.Kind.NOTICE, "you are now known as ann2"));
        assertThat(view.transcript.get(1).time()).matches("Nov 14 \\d\\d:\\d\\d");

        // In #dev: not cyd's, who is not in it; each line under the name it was written under.
        presenter.openGroup("dev");
        assertThat(view.transcript).extracting(Line::from, Line::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bob", "as bob"),
                org.assertj.core.groups.Tuple.tuple("", "bob is now known as bobby"),
                org.assertj.core.groups.Tuple.tuple("", "you are now known as ann2"),
                org.assertj.core.groups.Tuple.tuple("bobby", "as bobby"));

        // Nor, once ignored, his in #all.
        presenter.select(ALL);
        presenter.submit("-ignore @cyrus");
        assertThat(view.texts()).containsExactly("hello", "bob is now known as bobby", "you are now known as ann2",
                "ignoring cyrus: their messages are hidden, past ones too (-unignore @cyrus shows them again)");
    }

    @Test
    void aRenameFurtherBackIsReadInItsPlaceWithThePageThatHasIt() {
        node.preload(bob.id(), ALL, 50);
        node.rename(bob.id(), "bobby");
        node.preload(bob.id(), ALL, 150);
        presenter.start();
        assertThat(view.transcript).hasSize(ChatPresenter.PAGE).allMatch(l -> l.from().equals("bobby"));

        presenter.loadOlder();

        assertThat(view.transcript).hasSize(2 * ChatPresenter.PAGE + 1);
        assertThat(view.transcript.subList(49, 52)).extracting(Line::from, Line::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bob", "message 50"),
                org.assertj.core.groups.Tuple.tuple("", "bob is now known as bobby"),
                org.assertj.core.groups.Tuple.tuple("bobby", "message 1"));
    }

    @Test
    void aConversationOpenedWhereItsUnreadBeginReadsTheRenamesOnTheWay() {
        Conversation direct = new Conversation.Direct(bob.id());
        presenter.start();
        for (int i = 1; i <= 150; i++) {
            if (i == 51) {
                node.rename(bob.id(), "bobby");
            }
            node.receive(bob.id(), direct, "unread " + i);
        }

        presenter.openDirect(bob.id());

        assertThat(view.transcript).hasSize(152);
        assertThat(view.transcript.subList(0, 2)).extracting(Line::text).containsExactly("150 new messages", "unread 1");
        assertThat(view.transcript.subList(50, 53)).extracting(Line::from, Line::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bob", "unread 50"),
                org.assertj.core.groups.Tuple.tuple("", "bob is now known as bobby"),
                org.assertj.core.groups.Tuple.tuple("bobby", "unread 51"));
    }

    @Test
    void aRenameToldWhileThePageLoadsIsSaidOnceAfterIt() {
        node.receive(bob.id(), ALL, "before");
        Runnable release = node.holdNextHistory();
        presenter.start();

        node.rename(bob.id(), "bobby");
        release.run();

        assertThat(view.texts()).containsExactly("before", "bob is now known as bobby");
    }

    @Test
    void aHistoryTypedInTheWindowHasTheRenamesAmongItsMessages() {
        node.receive(bob.id(), ALL, "as bob");
        node.rename(bob.id(), "bobby");
        node.receive(bob.id(), ALL, "as bobby");
        presenter.start();

        presenter.submit("-history");

        // MemoryNode's are from 22:13 UTC.
        assertThat(view.texts()).last().isEqualTo("history of #all:\n22:13 bob → #all: as bob\n"
                + "22:13 -- bob is now known as bobby\n22:13 bobby → #all: as bobby");
    }

    @Test
    void aLineTheNodeRefusedComesBackToTheComposeBox() {
        presenter.start();
        presenter.submit("-bogus x");
        assertThat(view.restored).isEqualTo("-bogus x");
        view.restored = null;
        presenter.submit("a message that goes");
        assertThat(view.restored).isNull();
    }

    @Test
    void aNewcomerByTheSameNameChangesTheLabelOnTheLinesOfTheOneThere() {
        node.receive(bob.id(), ALL, "from bob");
        presenter.start();

        node.relabel(bob.id(), "bob@127.0.0.2");
        node.peerUp("bob", "bob@127.0.0.4", "dddddddd");

        assertThat(view.transcript).extracting(Line::from).containsExactly("bob@127.0.0.2");
    }

    @Test
    void aDirectConversationWithSomeoneForgottenLeavesTheListUnlessOpenOrUnread() {
        UserView dan = node.peerUp("dan", "dddddddd");
        presenter.start();
        node.receive(bob.id(), new Conversation.Direct(bob.id()), "read");
        presenter.openDirect(bob.id());
        node.receive(cyd.id(), new Conversation.Direct(cyd.id()), "unread");
        presenter.openDirect(dan.id());
        node.peerDown(bob.id());
        node.peerDown(cyd.id());
        node.peerDown(dan.id());

        presenter.forget(bob.id());
        presenter.forget(cyd.id());
        presenter.forget(dan.id());

        assertThat(node.executed).containsExactly("-forget @bob", "-forget @cyd", "-forget @dan");
        assertThat(view.conversations).extracting(ConversationItem::label, ConversationItem::unread).containsExactly(
                org.assertj.core.groups.Tuple.tuple("#all", 0), org.assertj.core.groups.Tuple.tuple("@cyd", 1),
                org.assertj.core.groups.Tuple.tuple("@dan", 0));
        presenter.select(ALL);
        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all", "@cyd");
        presenter.openDirect(cyd.id());
        presenter.select(ALL);
        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all");

        // Known again once they connect, as in the user lists.
        node.peerUp("bob", "bbbbbbbb");
        assertThat(view.conversations).extracting(ConversationItem::label).containsExactly("#all", "@bob");
    }

    @Test
    void someoneIgnoredWhoTakesAnotherNameGetsNoLineButTheListsFollow() {
        presenter.start();
        presenter.openDirect(bob.id());
        presenter.select(ALL);
        presenter.ignore(bob.id());

        node.rename(bob.id(), "bobby");

        assertThat(view.texts()).containsExactly(IGNORING_BOB);
        assertThat(ignoredIn(view.users, "bobby")).isTrue();
        assertThat(ignoredIn(view.members, "bobby")).isTrue();
        assertThat(view.users).extracting(UserItem::label).doesNotContain("bob");
        assertThat(view.conversations).filteredOn(c -> c.label().equals("@bobby")).singleElement()
                .matches(ConversationItem::ignored);

        // Once unignored, the next one is said again.
        presenter.unignore(bob.id());
        node.rename(bob.id(), "rob");
        assertThat(view.texts()).last().isEqualTo("bobby is now known as rob");
    }

    // ---------------------------------------------------------------- drafts, held back, member and conversation order

    @Test
    void eachConversationKeepsItsOwnDraftAndASentLineEmptiesOnlyItsOwn() {
        presenter.start();
        presenter.openDirect(bob.id());
        presenter.drafted("half a thought for bob");

        presenter.select(ALL);
        assertThat(view.draft).as("#all has nothing typed").isEmpty();
        presenter.drafted("hello all");
        presenter.submit("hello all");
        presenter.drafted("");

        presenter.openDirect(bob.id());
        assertThat(view.draft).isEqualTo("half a thought for bob");
        presenter.select(ALL);
        assertThat(view.draft).as("sent: no draft left").isEmpty();
        assertThat(node.executed).containsExactly("hello all");
    }

    @Test
    void theHeldBackLineFollowsWhatTheNodeTellsAndGoesWhenItSaysNothingIsHeldBack() {
        String threeHeld = "3 messages held back, each until what it follows has arrived:";
        String oneHeld = "1 message held back, each until what it follows has arrived:";
        UserView dan = node.peerUp("dan", "dddddddd");
        presenter.start();
        node.heldBack(3, threeHeld + "\n  cyd: 2 messages, waiting for messages from bob\n  dan: 1 message, waiting for messages from eve");

        node.receive(bob.id(), ALL, "the one cyd's follow");
        node.receiveHeld(cyd.id(), ALL, "the first that waited");
        node.receiveHeld(cyd.id(), ALL, "the second that waited");
        assertThat(view.status).as("until the node says otherwise").isEqualTo(threeHeld);
        node.heldBack(1, oneHeld + "\n  dan: 1 message, waiting for messages from eve");
        assertThat(view.status).isEqualTo(oneHeld);

        node.receiveHeld(dan.id(), ALL, "the last that waited");
        node.released();
        assertThat(view.status).isEmpty();
        assertThat(view.transcript).last().extracting(Line::text).asString()
                .isEqualTo("the messages held back have all arrived: nothing is held back any more");
        assertThat(node.executed).as("the node tells; nothing is asked").isEmpty();

        // Something shown in the status line since is not the held-back line's to clear.
        node.heldBack(1, oneHeld + "\n  cyd: 1 message, waiting for messages from bob");
        presenter.submit("-nosuch");
        node.receiveHeld(cyd.id(), ALL, "the third that waited");
        node.released();
        assertThat(view.status).startsWith("unknown command -nosuch");
        assertThat(view.statusIsError).isTrue();
    }

    @Test
    void youComeFirstInEveryMemberListThenWhoIsOnlineThenByName() {
        UserView abe = node.peerUp("abe", "abababab");
        UserView zed = node.peerUp("zed", "fefefefe");
        presenter.start();
        node.peerDown(bob.id());
        assertThat(view.members).extracting(UserItem::label).containsExactly("ann", "abe", "cyd", "zed", "bob");

        presenter.openDirect(bob.id());
        assertThat(view.members).extracting(UserItem::label).as("the peer offline").containsExactly("ann", "bob");
        presenter.openDirect(abe.id());
        assertThat(view.members).extracting(UserItem::label).as("the peer online, before ann by name").containsExactly("ann", "abe");
        presenter.openDirect(zed.id());
        assertThat(view.members).extracting(UserItem::label).containsExactly("ann", "zed");
    }

    @Test
    void theConversationsKeepTheirOrderAcrossARestartSoCtrlNumberOpensTheSameOne() {
        presenter.start();
        presenter.createGroup("dev");
        presenter.select(ALL);
        // Met in this order: cyd writes first.
        node.receive(cyd.id(), new Conversation.Direct(cyd.id()), "first, from cyd");
        node.receive(bob.id(), new Conversation.Direct(bob.id()), "then bob");
        presenter.openDirect(cyd.id());
        presenter.openDirect(bob.id());
        presenter.select(ALL);
        List<String> before = view.conversations.stream().map(ConversationItem::label).toList();
        presenter.selectIndex(2);
        Conversation third = presenter.current();
        presenter.select(ALL);
        presenter.stop();

        RecordingView again = new RecordingView();
        ChatPresenter restarted = new ChatPresenter(node, again, Schedulers.immediate(),
                Clock.fixed(Instant.parse("2026-11-24T12:34:00Z"), ZoneOffset.UTC));
        try {
            restarted.start();
            assertThat(again.conversations).extracting(ConversationItem::label).isEqualTo(before)
                    .containsExactly("#all", "#dev", "@bob", "@cyd");
            restarted.selectIndex(2);
            assertThat(restarted.current()).isEqualTo(third);
        } finally {
            restarted.stop();
        }
    }
}
