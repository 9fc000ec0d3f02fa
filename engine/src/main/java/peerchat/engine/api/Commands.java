package peerchat.engine.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import peerchat.engine.api.CommandSpec.ArgKind;

/**
 * The command table shared by every frontend (terminal, Swing command line, {@code --json}):
 * the original program's commands, each with IRC-style aliases. Lines that start with none of
 * these are messages: {@code @user text}, {@code #group text}, or plain text to the current
 * conversation.
 */
public final class Commands {
    public static final List<CommandSpec> ALL = List.of(
            spec("help", "", "show this help", "Session", ArgKind.NONE, "-h", "-help", "/help"),
            spec("quit", "[words]", "close the node and leave; those online see your parting words, if any", "Session", ArgKind.TEXT, "-q", "-quit", "-exit", "/quit", "/exit"),
            spec("open", "<#group|@user>", "make it the current conversation (plain text goes there)", "Messages", ArgKind.TARGET, "-open", "/open", "/query", "/q"),
            spec("msg", "<#group|@user> <text>", "send to a group or a user (also: @user text, #group text)", "Messages", ArgKind.TARGET, "-msg", "/msg"),
            spec("me", "<action>", "say what you do, in the current conversation: /me waves shows as * alice waves", "Messages", ArgKind.TEXT, "-me", "/me"),
            spec("delay", "<seconds> <message line>", "send now, but hold its transmission back that long (watch causal order work)", "Messages", ArgKind.TEXT, "-delay", "/delay"),
            spec("history", "[#group|@user] [n]", "the last n messages (default 20) of a conversation, from the log", "Messages", ArgKind.TARGET, "-history", "/history"),
            spec("more", "", "page further back in the last history shown", "Messages", ArgKind.NONE, "-more", "/more"),
            spec("search", "[#group|@user] <text>", "messages containing text (any case), everywhere or in one conversation: the newest 50", "Messages", ArgKind.TEXT, "-search", "/search", "/grep"),
            spec("since", "<seq> [n]", "messages after the seq-th this node sent or delivered, every conversation (catching up after a crash)", "Messages", ArgKind.TEXT, "-since", "/since"),
            spec("waiting", "", "messages causal order holds back and whose they wait for; what you sent that is not yet acknowledged", "Messages", ArgKind.NONE, "-waiting", "/waiting"),
            spec("creategroup", "<group>", "create a group (you join it)", "Groups", ArgKind.GROUP, "-creategroup", "/create"),
            spec("joingroup", "<group>", "join a group", "Groups", ArgKind.GROUP, "-joingroup", "/join", "/j"),
            spec("leavegroup", "<group>", "leave a group (not all)", "Groups", ArgKind.GROUP, "-leavegroup", "/leave", "/part"),
            spec("listgroups", "", "groups with their members", "Groups", ArgKind.NONE, "-lg", "-listgroups", "/groups", "/list"),
            spec("members", "<group>", "the members of a group, with presence", "Groups", ArgKind.GROUP, "-members", "/members", "/names"),
            spec("findgroup", "<text>", "groups whose name contains text, best matches first", "Groups", ArgKind.TEXT, "-findgroup", "/findgroup"),
            spec("listusers", "", "online users with their groups", "Users", ArgKind.NONE, "-lu", "-listusers", "/users", "/who"),
            spec("finduser", "<text>", "users whose name contains text, best matches first", "Users", ArgKind.TEXT, "-finduser", "/whois", "/finduser"),
            spec("ignore", "[@user]", "hide a user's messages everywhere, kept across restarts (alone: whom you ignore)", "Users", ArgKind.USER, "-ignore", "/ignore"),
            spec("unignore", "<@user>", "show a user's messages again, past ones too", "Users", ArgKind.USER, "-unignore", "/unignore"),
            spec("forget", "[@user]", "drop a user gone for good (an old identity, a visitor) from the lists and from what you send; known again if they connect (alone: whom you forgot)", "Users", ArgKind.USER, "-forget", "/forget"),
            spec("nick", "<name>", "take another display name: everyone is told, and it is yours from now on", "Users", ArgKind.TEXT, "-nick", "-name", "/nick"),
            spec("id", "[@user]", "a user's id in full (alone: yours): the same on their own -id means their messages come from their key", "Users", ArgKind.USER, "-id", "/id", "/verify"));

    private Commands() {
    }

    private static CommandSpec spec(String name, String args, String help, String section, ArgKind kind, String... spellings) {
        return new CommandSpec(name, List.of(spellings), args, help, section, kind);
    }

    /** The command a first word invokes ({@code -lu}, {@code /join}, ... case-insensitive). */
    public static Optional<CommandSpec> bySpelling(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(c -> c.spellings().contains(w)).findFirst();
    }

    public static CommandSpec byName(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no command " + name));
    }

    /** Help text, grouped by section, one command a line. */
    public static String helpText() {
        List<String[]> rows = new java.util.ArrayList<>();
        String section = "";
        for (String s : List.of("Messages", "Groups", "Users", "Session")) {
            for (CommandSpec c : ALL) {
                if (!c.section().equals(s)) {
                    continue;
                }
                if (!s.equals(section)) {
                    rows.add(new String[] {s + ":"});
                    if (s.equals("Messages")) {
                        rows.add(new String[] {"<text>", "send to the current conversation"});
                        rows.add(new String[] {"@user <text>", "direct message"});
                        rows.add(new String[] {"#group <text>", "to a group (@group works when not ambiguous)"});
                    }
                    section = s;
                }
                String names = String.join(" ", c.spellings());
                rows.add(new String[] {names + (c.args().isEmpty() ? "" : " " + c.args()), c.help()});
            }
        }
        // As wide as the widest command, so that every description is at least two spaces off it.
        int width = rows.stream().filter(r -> r.length == 2).mapToInt(r -> r[0].length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            out.append(r.length == 1 ? r[0] + "\n" : String.format(Locale.ROOT, "  %-" + width + "s  %s%n", r[0], r[1]));
        }
        return out.toString();
    }
}
