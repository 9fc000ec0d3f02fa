package peerchat.ui.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Commands;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.NodeInfo;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * Everything the terminal UI prints, as text: events, replies, the banner and the prompt. Pure
 * (the clock and the zone are given), so it is tested line by line without a terminal.
 */
public final class Renderer {
    /** How a message that causal order held back is marked. */
    public static final String LATE = "[late]";
    /** Continuation lines of a long name's message would otherwise start half a narrow terminal in. */
    private static final int MAX_INDENT = 24;
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\r\n]");
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter OTHER_DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final Palette palette;
    private final Clock clock;
    private final ZoneId zone;

    public Renderer(Palette palette, Clock clock, ZoneId zone) {
        this.palette = palette;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * {@code 12:03 #all alice: hello}, with {@code [late]} when causal order held it back. A
     * message of several lines is one entry: the lines after the first are indented under its
     * text, so no line of it can pass for a message of its own (those start with the time).
     */
    public AttributedString message(MessageView m) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.append(palette.time(time(m.ts()))).append(' ');
        b.append(target(m.to())).append(' ');
        if (m.action()) {
            b.append("* ");
        }
        b.append(m.mention() ? palette.mentioner(m.from()) : palette.name(m.from(), m.own())).append(m.action() ? " " : ": ");
        String indent = " ".repeat(Math.min(b.toAttributedString().columnLength(), MAX_INDENT));
        String[] lines = LINE_BREAK.split(m.shownText(), -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                b.append('\n').append(indent);
            }
            b.append(m.mention() ? palette.mention(lines[i]) : palette.plain(lines[i]));
        }
        if (m.heldBack()) {
            b.append(' ').append(palette.late(LATE));
        }
        return b.toAttributedString();
    }

    /**
     * Whether the terminal's bell rings for this event, as irssi's does by default: a message from
     * someone else that names the user or is written to them, delivered since {@code sinceMillis}
     * (the recent messages shown at start are not news).
     */
    public boolean rings(ChatEvent e, long sinceMillis) {
        if (!(e instanceof ChatEvent.Message)) {
            return false;
        }
        MessageView m = ((ChatEvent.Message) e).message();
        return !m.own() && m.deliveredAt() >= sinceMillis && (m.mention() || m.conversation() instanceof Conversation.Direct);
    }

    public AttributedString event(ChatEvent e) {
        if (e instanceof ChatEvent.Message) {
            return message(((ChatEvent.Message) e).message());
        }
        AttributedStringBuilder b = new AttributedStringBuilder();
        // A rename at the time it was taken, as a message at the time it was sent: read back among
        // the messages of a catch-up or a -history, it keeps its place in time too.
        long at = e instanceof ChatEvent.Renamed r ? r.ts() : clock.millis();
        b.append(palette.time(time(at))).append(' ').append(palette.notice("--")).append(' ');
        if (e instanceof ChatEvent.Joined) {
            ChatEvent.Joined j = (ChatEvent.Joined) e;
            b.append(palette.name(j.user(), false)).append(" joined ").append(palette.group("#" + j.group()));
        } else if (e instanceof ChatEvent.Left) {
            ChatEvent.Left l = (ChatEvent.Left) e;
            b.append(palette.name(l.user(), false)).append(" left ").append(palette.group("#" + l.group()));
        } else if (e instanceof ChatEvent.GroupCreated) {
            ChatEvent.GroupCreated g = (ChatEvent.GroupCreated) e;
            b.append(palette.name(g.by(), false)).append(" created ").append(palette.group("#" + g.group()));
        } else if (e instanceof ChatEvent.Renamed) {
            // As irssi says a nick change: by the name it had, then the one shown from now on.
            ChatEvent.Renamed r = (ChatEvent.Renamed) e;
            if (r.user().self()) {
                b.append("you are now known as ").append(palette.name(r.user().label(), true));
            } else {
                b.append(palette.name(r.was(), false)).append(" is now known as ").append(palette.name(r.user().label(), false));
            }
        } else if (e instanceof ChatEvent.PeerUp) {
            UserView u = ((ChatEvent.PeerUp) e).user();
            b.append(palette.name(u.label(), false)).append(" is online (").append(palette.plain(u.address())).append(')');
        } else if (e instanceof ChatEvent.PeerDown) {
            ChatEvent.PeerDown d = (ChatEvent.PeerDown) e;
            b.append(palette.name(d.user().label(), false)).append(" went offline");
            if (d.reason() != null && !d.reason().isBlank()) {
                b.append(" (").append(palette.plain(d.reason())).append(')');
            }
        } else if (e instanceof ChatEvent.HeldBack) {
            // One notice line, as every event is: its sender lines joined with "; ".
            b.append(palette.plain(((ChatEvent.HeldBack) e).text().replace(":\n  ", ": ").replace("\n  ", "; ")));
        } else if (e instanceof ChatEvent.Released) {
            b.append(palette.plain(((ChatEvent.Released) e).text()));
        } else if (e instanceof ChatEvent.Warning) {
            b.append(palette.error("warning: " + ((ChatEvent.Warning) e).text()));
        } else if (e instanceof ChatEvent.Opened) {
            b.append("now talking in ").append(target(((ChatEvent.Opened) e).label()));
        } else {
            b.append(palette.plain(e.toString()));
        }
        return b.toAttributedString();
    }

    /**
     * The lines that answer a command; for a sent message only its notice, and nothing for a new
     * name: the event stream shows those.
     */
    public List<AttributedString> reply(Reply r) {
        List<AttributedString> lines = new ArrayList<>();
        if (r instanceof Reply.Error) {
            lines.add(palette.error("error: " + ((Reply.Error) r).message()));
        } else if (r instanceof Reply.Users) {
            List<UserView> users = ((Reply.Users) r).users();
            if (users.isEmpty()) {
                lines.add(palette.plain("no users"));
            }
            int width = users.stream().mapToInt(u -> columns(u.label())).max().orElse(0);
            for (UserView u : users) {
                lines.add(user(u, width));
            }
        } else if (r instanceof Reply.Groups) {
            List<GroupView> groups = ((Reply.Groups) r).groups();
            if (groups.isEmpty()) {
                lines.add(palette.plain("no groups"));
            }
            for (GroupView g : groups) {
                lines.add(new AttributedStringBuilder().append("  ").append(palette.group("#" + g.name()))
                        .append(" (" + g.members().size() + "): ").append(palette.plain(String.join(", ", g.members())))
                        .toAttributedString());
            }
        } else if (r instanceof Reply.Members) {
            Reply.Members m = (Reply.Members) r;
            lines.add(new AttributedStringBuilder().append(palette.group("#" + m.group()))
                    .append(" (" + count(m.members().size(), "member") + ")").toAttributedString());
            int width = m.members().stream().mapToInt(u -> columns(u.label())).max().orElse(0);
            for (UserView u : m.members()) {
                lines.add(user(u, width));
            }
        } else if (r instanceof Reply.Messages) {
            Reply.Messages m = (Reply.Messages) r;
            // -since and -search say what they looked for ("after 41", "matching \"x\" in #dev"),
            // -history and -more the conversation; -more's page is the one before the last shown
            boolean found = m.command().equals("since") || m.command().equals("search");
            boolean earlier = m.command().equals("more");
            if (m.messages().isEmpty()) {
                lines.add(palette.notice("-- no " + (earlier ? "earlier " : "") + "messages " + (found ? "" : "in ") + m.target() + " --"));
            } else {
                lines.add(palette.notice(found ? "-- " + count(m.messages().size(), "message") + " " + m.target() + " --"
                        : "-- " + m.target() + ", " + (earlier ? m.messages().size() + " earlier" : "last " + m.messages().size()) + " --"));
                // The renames among them in their place, as they were told live: the lines before
                // one are under the old name, those after it under the new.
                m.inOrder().forEach(e -> lines.add(event(e)));
            }
        } else if (r instanceof Reply.Sent) {
            String notice = ((Reply.Sent) r).notice();
            if (!notice.isEmpty()) {
                lines.add(palette.notice("-- " + notice));
            }
        } else if (r instanceof Reply.Done && !r.command().equals("nick")) {
            String text = ((Reply.Done) r).text();
            if (text != null && !text.isEmpty()) {
                text.lines().forEach(l -> lines.add(palette.plain(l)));
            }
        }
        return lines;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * The typed line is erased when it is sent (a message comes back as a message line); a command
     * is repeated, faint, so that its answer has a question above it.
     */
    public Optional<AttributedString> echo(String line) {
        String first = line.strip().split("\\s+", 2)[0];
        if (Commands.bySpelling(first).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AttributedStringBuilder().append(palette.time("> " + line.strip())).toAttributedString());
    }

    /**
     * What came since the terminal last showed a message: how many, where, and whether all of them
     * follow; then they do, with the renames among them in their place. {@code notConnected}: the others not linked yet, whose copies of what
     * was sent while this node was down come as they connect, after this count.
     */
    public List<AttributedString> missed(int count, boolean atLeast, Map<String, Integer> byConversation, int shown,
                                         List<String> notConnected) {
        String where = byConversation.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        List<AttributedString> lines = new ArrayList<>();
        lines.add(palette.notice("-- " + count + (atLeast ? "+" : "") + (count == 1 ? " new message" : " new messages")
                + " since you were last here: " + where + " --"));
        if (shown < count || atLeast) {
            lines.add(palette.notice("-- the last " + shown + " of them follow; -history <#group|@user> [n] shows more --"));
        }
        if (!notConnected.isEmpty()) {
            String who = notConnected.size() <= 3 ? String.join(", ", notConnected)
                    : String.join(", ", notConnected.subList(0, 3)) + " and " + (notConnected.size() - 3) + " more";
            lines.add(palette.notice("-- more may come as the others connect (" + who + "): what they kept for you --"));
        }
        return lines;
    }

    /**
     * Said when a line's answer has not come in time: not an error, and the line does not come
     * back to be sent again, for the node may still run it (the message was sent after all).
     */
    public AttributedString noAnswer(Duration waited) {
        return palette.error("no answer from the node in " + duration(waited)
                + ": it may still have been done; -history shows what was sent");
    }

    /** Above the answer to a line that came after {@link #noAnswer}: which line it answers. */
    public AttributedString lateAnswer(String line) {
        String first = line.strip().lines().findFirst().orElse("");
        String shown = first.codePointCount(0, first.length()) > 40
                ? first.substring(0, first.offsetByCodePoints(0, 40)) + "..." : first;
        return palette.notice("-- the late answer to: " + shown + " --");
    }

    private static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** One line: who this node is, where it listens, who is online already. */
    public AttributedString banner(String version, NodeInfo self, List<UserView> users) {
        List<String> online = users.stream().filter(u -> u.online() && !u.self()).map(UserView::label)
                .collect(Collectors.toList());
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.append("peerchat ").append(version).append(" | ")
                .append(palette.name(self.name(), true)).append(" (").append(self.id().shortForm()).append(")")
                .append(" on ").append(self.listen()).append(" | ");
        b.append(palette.plain(online.isEmpty() ? "no peers yet" : online.size() + " online: " + String.join(", ", online)));
        b.append(" | -h: help");
        return b.toAttributedString();
    }

    /** {@code alice@10.0.0.4:7117 #all> }: who, where, and where plain text goes. */
    public AttributedString prompt(NodeInfo self, String conversation) {
        return new AttributedStringBuilder().append(palette.name(self.name() + "@" + self.listen(), true))
                .append(' ').append(target(conversation)).append("> ").toAttributedString();
    }

    private AttributedString user(UserView u, int width) {
        AttributedStringBuilder b = new AttributedStringBuilder().append("  ");
        b.append(palette.name(pad(u.label(), width), u.self()));
        b.append("  ").append(palette.plain(pad(u.address() == null || u.address().isBlank() ? "-" : u.address(), 21)));
        b.append("  ").append(u.online() ? "online " : "offline");
        b.append("  ").append(palette.group(u.groups().stream().map(g -> "#" + g).collect(Collectors.joining(" "))));
        if (u.self()) {
            b.append("  (you)");
        }
        if (u.ignored()) {
            b.append("  (ignored)");
        }
        return b.toAttributedString();
    }

    private AttributedString target(String t) {
        return t.startsWith("#") ? palette.group(t) : palette.name(t, false);
    }

    private String time(long epochMillis) {
        ZonedDateTime at = Instant.ofEpochMilli(epochMillis).atZone(zone);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return at.toLocalDate().equals(today) ? TODAY.format(at) : OTHER_DAY.format(at);
    }

    /** Padding counts columns, not chars: a CJK name takes two per character. */
    private static String pad(String s, int width) {
        int columns = columns(s);
        return columns >= width ? s : s + " ".repeat(width - columns);
    }

    private static int columns(String s) {
        return new AttributedString(s).columnLength();
    }
}
