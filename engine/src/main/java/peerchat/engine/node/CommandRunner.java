package peerchat.engine.node;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import peerchat.engine.api.Commands;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.DisplayName;
import peerchat.engine.api.HistoryPage;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import peerchat.engine.command.Command;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;
import reactor.core.publisher.Mono;

/**
 * Runs parsed commands against the node: resolves targets, checks what may be done, and answers
 * each with exactly one {@link Reply}. Runs on the node thread.
 */
final class CommandRunner {
    private final PeerNode node;
    /** Where {@code -more} continues: the conversation and the oldest position last shown. */
    private Conversation lastHistory;
    private long lastHistoryOldest = -1;
    /** The last offline notice: said again only for another conversation or once someone came or went. */
    private Conversation noticedFor;
    private Directory noticedIn;

    CommandRunner(PeerNode node) {
        this.node = node;
    }

    Mono<Reply> run(Command command) {
        try {
            return dispatch(command);
        } catch (Directory.Unresolved e) {
            return Mono.just(new Reply.Error(command.name(), e.getMessage()));
        }
    }

    private Mono<Reply> dispatch(Command command) throws Directory.Unresolved {
        Directory dir = node.directory();
        String name = command.name();
        if (command instanceof Command.Invalid c) {
            return error(c.name(), c.message());
        }
        if (command instanceof Command.Send c) {
            Conversation to = c.target() == null ? node.current() : dir.resolve(c.target());
            return sendChat(name, dir, to, c.text(), Math.round(c.delaySeconds() * 1000));
        }
        if (command instanceof Command.Open c) {
            Conversation to = dir.resolve(c.target());
            if (to instanceof Conversation.Direct d && d.peer().equals(node.self().id())) {
                return error(name, "that is you: open a group or another user");
            }
            node.open(to);
            return done(name, "now talking in " + dir.written(to) + openedNote(dir, to));
        }
        if (command instanceof Command.History c) {
            Conversation in = c.target() == null ? node.current() : dir.resolve(c.target());
            return node.historyPage(in, Long.MAX_VALUE, c.count()).map(page -> historyReply(name, dir, in, page));
        }
        if (command instanceof Command.Search c) {
            Conversation in = c.target() == null ? null : dir.resolve(c.target());
            String where = in == null ? "" : " in " + dir.written(in);
            return node.search(in, c.text(), c.count())
                    .map(list -> new Reply.Messages(name, "matching \"" + c.text() + "\"" + where, list));
        }
        if (command instanceof Command.Since c) {
            // seq counts from 1, cursors from 0: the seq-th message is at cursor seq - 1.
            return node.historyPageAfter(c.seq() - 1, c.count()).map(page -> new Reply.Messages(name, "after " + c.seq(), page));
        }
        if (command instanceof Command.More) {
            if (lastHistory == null) {
                return error(name, "no history shown yet: -history first");
            }
            Conversation in = lastHistory;
            if (lastHistoryOldest <= 0) {
                return Mono.just(new Reply.Messages(name, dir.written(in), List.of()));
            }
            return node.historyPage(in, lastHistoryOldest, 20).map(page -> historyReply(name, dir, in, page));
        }
        if (command instanceof Command.Waiting) {
            String unacked = UnackedText.of(node.store().links().unackedOwnSends(), node.unacked(), dir);
            return done(name, HoldsText.of(node.messenger().holds(), dir) + (unacked.isEmpty() ? "" : System.lineSeparator() + unacked));
        }
        if (command instanceof Command.CreateGroup c) {
            GroupName g = Directory.groupName(c.group());
            if (dir.groupExists(g)) {
                return error(name, "#" + g.value() + " exists already: -joingroup " + g.value() + " to join it");
            }
            return membership(name, g, Payload.Change.CREATE, "created #" + g.value());
        }
        if (command instanceof Command.JoinGroup c) {
            GroupName g = dir.group(c.group());
            if (dir.members(g).contains(node.self().id())) {
                return error(name, "you are already in #" + g.value());
            }
            return membership(name, g, Payload.Change.JOIN, "joined #" + g.value());
        }
        if (command instanceof Command.LeaveGroup c) {
            GroupName g = Directory.groupName(c.group());
            if (g.isAll()) {
                return error(name, "everyone is always in #all: it cannot be left");
            }
            g = dir.group(c.group());
            if (!dir.members(g).contains(node.self().id())) {
                return error(name, "you are not in #" + g.value());
            }
            return membership(name, g, Payload.Change.LEAVE, "left #" + g.value());
        }
        if (command instanceof Command.ListUsers) {
            return Mono.just(new Reply.Users(name, dir.userViews().stream().filter(UserView::online).collect(Collectors.toList())));
        }
        if (command instanceof Command.ListGroups) {
            return Mono.just(new Reply.Groups(name, dir.groupViews()));
        }
        if (command instanceof Command.Members c) {
            GroupName g = dir.group(c.group());
            List<UserView> members = dir.userViews().stream().filter(u -> dir.members(g).contains(u.id())).collect(Collectors.toList());
            return Mono.just(new Reply.Members(name, g.value(), members));
        }
        if (command instanceof Command.FindUser c) {
            List<UserView> found = node.store().membership().findUsers(c.text()).stream()
                    .map(u -> dir.user(u.id()).map(dir::view).orElse(null)).filter(v -> v != null).collect(Collectors.toList());
            return Mono.just(new Reply.Users(name, found));
        }
        if (command instanceof Command.FindGroup c) {
            return Mono.just(new Reply.Groups(name, node.store().membership().findGroups(c.text()).stream()
                    .map(g -> dir.groupView(g.name())).collect(Collectors.toList())));
        }
        if (command instanceof Command.Ignore c) {
            return c.user() == null ? done(name, ignoredText(dir)) : ignore(name, dir, dir.userOf(c.user()), true);
        }
        if (command instanceof Command.Unignore c) {
            return ignore(name, dir, dir.userOf(c.user()), false);
        }
        if (command instanceof Command.Forget c) {
            return c.user() == null ? done(name, forgottenText(dir)) : forget(name, dir, dir.userOf(c.user()));
        }
        if (command instanceof Command.Rename c) {
            return rename(name, c.newName());
        }
        if (command instanceof Command.Identity c) {
            return done(name, identityText(dir, c.user() == null ? node.self().id() : dir.userOf(c.user())));
        }
        if (command instanceof Command.Help) {
            return done(name, Commands.helpText());
        }
        if (command instanceof Command.Quit quit) {
            try {
                node.network().partingWords(quit.words());
            } catch (IllegalArgumentException e) {
                return error(name, "not quitting: " + e.getMessage());
            }
            return Mono.just(new Reply.Quit(name));
        }
        return error(name, "not implemented: " + name);
    }

    private Reply historyReply(String name, Directory dir, Conversation in, HistoryPage page) {
        lastHistory = in;
        lastHistoryOldest = page.messages().isEmpty() ? 0 : page.messages().get(0).cursor();
        return new Reply.Messages(name, dir.written(in), page);
    }

    private Mono<Reply> sendChat(String name, Directory dir, Conversation to, String text, long delayMillis) {
        NodeId self = node.self().id();
        Set<NodeId> dests;
        Target target;
        if (to instanceof Conversation.Group g) {
            if (!g.name().isAll() && !dir.members(g.name()).contains(self)) {
                return error(name, "you are not in #" + g.name().value() + ": -joingroup " + g.name().value() + " first");
            }
            dests = new HashSet<>(dir.members(g.name()));
            target = new Target.Group(g.name());
        } else {
            NodeId peer = ((Conversation.Direct) to).peer();
            if (peer.equals(self)) {
                return error(name, "that is you: write to someone else");
            }
            // Their conversation can still be the current one: -forget promised nothing more goes to them.
            if (dir.forgotten(peer)) {
                return error(name, "you forgot " + dir.label(peer) + " with -forget: nothing you write goes to them"
                        + " (they are known again when they connect)");
            }
            dests = new HashSet<>(Set.of(peer));
            target = new Target.User(peer);
        }
        dests.remove(self);
        Payload.Chat chat;
        try {
            chat = new Payload.Chat(target, text);
        } catch (IllegalArgumentException e) {
            return error(name, "not sent: " + e.getMessage());
        }
        String notice = offlineNoticeOnce(dir, to, dests);
        return node.messenger().send(dests, chat, delayMillis)
                .map(sent -> {
                    Directory now = node.directory();
                    return (Reply) new Reply.Sent(name, Views.sent(now, now.label(node.self().id()), sent.event(), sent.position()), notice);
                })
                .onErrorResume(e -> error(name, "could not send: " + e.getMessage()));
    }

    /** What the user should know about a conversation they just opened: whether they can write there, and be read. */
    private String openedNote(Directory dir, Conversation to) {
        if (to instanceof Conversation.Group g && !g.name().isAll() && !dir.members(g.name()).contains(node.self().id())) {
            return " (you are not in it: -joingroup " + g.name().value() + " to write there)";
        }
        if (to instanceof Conversation.Direct d && !dir.online(d.peer())) {
            return " (" + dir.label(d.peer()) + " is offline: what you write goes when " + dir.label(d.peer()) + " is back)";
        }
        return "";
    }

    /** The offline notice, unless it was just given for this conversation and nobody came or went since. */
    private String offlineNoticeOnce(Directory dir, Conversation to, Set<NodeId> dests) {
        String notice = offlineNotice(dir, to, dests);
        if (notice.isEmpty()) {
            return notice;
        }
        boolean toldAlready = to.equals(noticedFor) && dir == noticedIn;
        noticedFor = to;
        noticedIn = dir;
        return toldAlready ? "" : notice;
    }

    /**
     * A message to nobody online is sent as any other (it waits at this node, and with others, until
     * its recipients are back), but its sender is told, as a user would want to know.
     */
    private static String offlineNotice(Directory dir, Conversation to, Set<NodeId> dests) {
        if (dests.isEmpty() || dests.stream().anyMatch(dir::online)) {
            return "";
        }
        if (to instanceof Conversation.Direct d) {
            String who = dir.label(d.peer());
            return who + " is offline: " + who + " gets it when back";
        }
        return "no one else in " + dir.written(to) + " is online: they get it when back";
    }

    /**
     * Hides or shows a user's messages: logged, so it holds after a restart. Only this node's
     * view changes; their messages are still received, ordered and kept.
     */
    private Mono<Reply> ignore(String name, Directory dir, NodeId who, boolean ignore) {
        String label = dir.label(who);
        if (who.equals(node.self().id())) {
            return error(name, "that is you");
        }
        if (node.store().ignored().contains(who) == ignore) {
            return error(name, ignore ? "you ignore " + label + " already (-unignore @" + label + " shows their messages again)"
                    : "you do not ignore " + label);
        }
        String text = ignore
                ? "ignoring " + label + ": their messages are hidden, past ones too (-unignore @" + label + " shows them again)"
                : "showing " + label + "'s messages again, past ones too";
        return recorded(name, label, new Event.UserIgnored(who, ignore, node.clock().millis()), text);
    }

    /**
     * This node's user's own choice about another user ({@code -ignore}, {@code -forget}), logged:
     * once it is, names and lists are worked out again and {@code text} is the answer.
     */
    private Mono<Reply> recorded(String name, String label, Event choice, String text) {
        return node.store().append(choice)
                .map(i -> {
                    node.invalidate();
                    return (Reply) new Reply.Done(name, text);
                })
                .onErrorResume(e -> error(name, "could not " + name + " " + label + ": " + e.getMessage()));
    }

    /**
     * Forgets a user gone for good: logged, so it holds after a restart. They leave this node's
     * lists and groups, so nothing this node sends from now on is for them: no copy waits in
     * their outbox, none is sealed for others to keep, and nobody's messages to them depend on
     * one of this node's. What was sent to them before stays in the log and goes to them if they
     * come back; their messages stay in the history. Someone linked now is not gone.
     */
    private Mono<Reply> forget(String name, Directory dir, NodeId who) {
        String label = dir.label(who);
        if (who.equals(node.self().id())) {
            return error(name, "that is you");
        }
        if (dir.online(who)) {
            return error(name, label + " is online: -forget is for someone gone for good (-ignore @" + label + " hides their messages)");
        }
        String text = "forgot " + label + ": out of your lists and groups, and what you send no longer goes to them;"
                + " their messages stay in the history, and they are known again if they connect";
        return recorded(name, label, new Event.UserForgotten(who, node.clock().millis()), text);
    }

    private String forgottenText(Directory dir) {
        List<String> labels = dir.forgotten();
        return labels.isEmpty() ? "you forgot nobody (-forget @user drops a user gone for good)"
                : "you forgot " + String.join(", ", labels) + " (known again when they connect)";
    }

    /**
     * A user's id in full, in groups of four: the id is the hash of their key, which every link
     * proves and every sealed copy is signed with, so the same id on both sides, compared out of
     * band, means nobody sits between them or writes in their name. The short form shown elsewhere
     * (8 digits) could be matched by a key made for it; all 32 cannot.
     */
    private String identityText(Directory dir, NodeId who) {
        String grouped = who.value().replaceAll("(.{4})(?=.)", "$1 ");
        String label = dir.label(who);
        if (who.equals(node.self().id())) {
            return "your id: " + grouped + " (someone whose -id @" + label
                    + " shows the same, read to them in person or on the phone, is talking to this node)";
        }
        return label + "'s id: " + grouped + " (if " + label + "'s own -id shows the same, read to you in person or on the phone, "
                + "what is shown as " + label + "'s comes from " + label + "'s key)";
    }

    private String ignoredText(Directory dir) {
        List<String> labels = node.store().ignored().all().stream().map(dir::label).sorted().collect(Collectors.toList());
        return labels.isEmpty() ? "you ignore nobody (-ignore @user hides a user's messages)"
                : "you ignore " + String.join(", ", labels) + " (-unignore @user shows theirs again)";
    }

    /**
     * Takes another display name: a message to everyone (they show it in its place among the
     * messages), and the name handshakes give from now on. The launcher keeps it for the next start.
     */
    private Mono<Reply> rename(String command, String raw) {
        String newName;
        try {
            newName = DisplayName.check(raw);
        } catch (IllegalArgumentException e) {
            return error(command, e.getMessage());
        }
        if (newName.equals(node.self().name())) {
            return error(command, "you are " + newName + " already");
        }
        // As an IRC server refuses a nickname in use: only online, because names are not owned
        // (a user gone for good keeps theirs in the list); two alike are still told apart by
        // their labels, which is what makes it safe to allow otherwise.
        String key = ShownName.keyOf(newName);
        Optional<UserView> holder = node.users().stream()
                .filter(u -> !u.self() && u.online() && ShownName.keyOf(u.name()).equals(key)).findFirst();
        if (holder.isPresent()) {
            return error(command, holder.get().label() + ", online now, goes by that name: choose another,"
                    + " so that what you write is not taken for theirs");
        }
        return node.messenger().send(node.everyoneElse(), new Payload.Rename(newName), 0)
                .map(sent -> (Reply) new Reply.Done(command, "you are now known as " + newName))
                .onErrorResume(e -> error(command, "could not take the name " + newName + ": " + e.getMessage()));
    }

    private Mono<Reply> membership(String name, GroupName g, Payload.Change change, String doneText) {
        return node.messenger().send(node.everyoneElse(), new Payload.Membership(g, change), 0)
                .map(sent -> (Reply) new Reply.Done(name, doneText))
                .onErrorResume(e -> error(name, "could not " + name + ": " + e.getMessage()));
    }

    private static Mono<Reply> error(String command, String message) {
        return Mono.just(new Reply.Error(command, message));
    }

    private static Mono<Reply> done(String command, String text) {
        return Mono.just(new Reply.Done(command, text));
    }
}
