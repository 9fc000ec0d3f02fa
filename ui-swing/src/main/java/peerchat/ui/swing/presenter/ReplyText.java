package peerchat.ui.swing.presenter;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;

/** A command's answer as text for the transcript (the same content the terminal UI prints). */
final class ReplyText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);

    private ReplyText() {
    }

    /** What the status line shows of a text of several lines. */
    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    static String time(long epochMs, ZoneId zone) {
        return TIME.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** {@code HH:mm} today, {@code MMM d HH:mm} another day: a long history stays readable. */
    static String when(long epochMs, Clock clock) {
        ZonedDateTime at = Instant.ofEpochMilli(epochMs).atZone(clock.getZone());
        LocalDate today = LocalDate.now(clock);
        return at.toLocalDate().equals(today) ? TIME.format(at) : DAY_TIME.format(at);
    }

    /** Text for a result worth showing; empty for those that speak through the event stream. */
    static String of(Reply.Result result, ZoneId zone) {
        if (result instanceof Reply.Users users) {
            if (users.users().isEmpty()) {
                return "no users";
            }
            return users.users().stream().map(ReplyText::user).collect(Collectors.joining("\n"));
        }
        if (result instanceof Reply.Groups groups) {
            if (groups.groups().isEmpty()) {
                return "no groups";
            }
            return groups.groups().stream().map(ReplyText::group).collect(Collectors.joining("\n"));
        }
        if (result instanceof Reply.Members members) {
            return "#" + members.group() + ": " + members.members().stream()
                    .map(u -> u.label() + (u.online() ? "" : " (offline)"))
                    .collect(Collectors.joining(", "));
        }
        if (result instanceof Reply.Messages messages) {
            // -since and -search say what they looked for ("after 41", "matching \"x\" in #dev")
            boolean found = messages.command().equals("since") || messages.command().equals("search");
            if (messages.messages().isEmpty()) {
                return "no messages " + (found ? "" : "in ") + messages.target();
            }
            // The renames among them in their place, as the transcript and the terminal say them.
            return (found ? "messages " : "history of ") + messages.target() + ":\n" + messages.inOrder().stream()
                    .map(e -> e instanceof ChatEvent.Renamed r ? renamed(r, zone) : message(((ChatEvent.Message) e).message(), zone))
                    .collect(Collectors.joining("\n"));
        }
        if (result instanceof Reply.Done done) {
            return done.text();
        }
        if (result instanceof Reply.Sent sent) {
            // The message itself comes through the event stream; only what to know about it is said here.
            return sent.notice();
        }
        return "";
    }

    private static String user(UserView u) {
        return u.label() + " " + u.address() + (u.online() ? " online" : " offline")
                + " in " + String.join(", ", u.groups());
    }

    private static String group(GroupView g) {
        return "#" + g.name() + " (" + g.members().size() + "): " + String.join(", ", g.members());
    }

    /** A rename among them, at the time the name was taken, marked as the terminal marks it. */
    private static String renamed(ChatEvent.Renamed r, ZoneId zone) {
        return time(r.ts(), zone) + " -- " + RenameNotices.text(r);
    }

    /** One message a line; a message's own further lines indented, so they read as its own. */
    private static String message(MessageView m, ZoneId zone) {
        return time(m.ts(), zone) + " " + m.from() + " → " + m.to() + ": " + (m.action() ? "* " + m.from() + " " : "")
                + m.shownText().replace("\n", "\n    ");
    }
}
