package peerchat.ui.swing.presenter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;

/** A command's answer as text for the transcript (the same content the terminal UI prints). */
final class ReplyText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private ReplyText() {
    }

    static String time(long epochMs, ZoneId zone) {
        return TIME.format(Instant.ofEpochMilli(epochMs).atZone(zone));
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
            if (messages.messages().isEmpty()) {
                return "no messages in " + messages.target();
            }
            return "history of " + messages.target() + ":\n" + messages.messages().stream()
                    .map(m -> message(m, zone)).collect(Collectors.joining("\n"));
        }
        if (result instanceof Reply.Done done) {
            return done.text();
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

    private static String message(MessageView m, ZoneId zone) {
        return time(m.ts(), zone) + " " + m.from() + " → " + m.to() + ": " + m.text();
    }
}
