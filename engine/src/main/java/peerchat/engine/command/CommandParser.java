package peerchat.engine.command;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import peerchat.engine.api.CommandSpec;
import peerchat.engine.api.Commands;
import peerchat.engine.api.MessageView;
import peerchat.store.event.GroupName;
import peerchat.store.event.Payload;

/**
 * Turns a command line into a {@link Command}. Pure: no state, no I/O. A line that starts with
 * {@code -} or {@code /} followed by a letter is a command (unknown ones are errors, so a typo
 * is never sent to everyone as a message); {@code @x text} and {@code #x text} are messages to a
 * target; anything else is text for the current conversation.
 */
public final class CommandParser {
    public static final int DEFAULT_HISTORY = 20;
    public static final int MAX_HISTORY = 10_000;
    /** Matches {@code -search} shows: the newest ones. */
    public static final int SEARCH_RESULTS = 50;
    /** A page of {@code -since}: a script pages on from the last seq it got. */
    public static final int DEFAULT_SINCE = 1000;
    /** A longer hold-back is surely a typo; it would also keep the message out of others' order for hours. */
    public static final double MAX_DELAY_SECONDS = 3600;
    // Compiled once: String.split compiles its pattern on every call, and every message is parsed here.
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n?");
    private static final Pattern ONLY_COMMAND_SIGNS = Pattern.compile("[-/]+");

    private CommandParser() {
    }

    public static Command parse(String rawLine) {
        String line = rawLine == null ? "" : normalizeBreaks(rawLine).strip();
        if (line.isEmpty()) {
            return new Command.Invalid("send", "nothing to send: the line is empty");
        }
        if (isCommandWord(line)) {
            return parseCommand(line);
        }
        if (ONLY_COMMAND_SIGNS.matcher(line).matches()) {
            // A command begun and not written (QA: "/" and "--" went to the group as messages).
            return new Command.Invalid("send", "not sent: " + line + " alone is no command and no message (-help lists the commands)");
        }
        if (line.startsWith("@") || line.startsWith("#")) {
            String[] parts = WHITESPACE.split(line, 2);
            if (parts[0].length() == 1) {
                return new Command.Invalid("send", "write a name right after " + parts[0] + " (" + parts[0] + "name text)");
            }
            if (parts.length < 2) {
                return new Command.Invalid("send", "nothing to send to " + parts[0] + ": write " + parts[0] + " <text>");
            }
            return send(parts[0], parts[1], 0);
        }
        return send(null, line, 0);
    }

    /**
     * Line breaks are kept (a pasted snippet, the window's Shift+Enter, a terminal's bracketed
     * paste: one message of several lines), as {@code \n} whatever the platform sent.
     */
    private static String normalizeBreaks(String s) {
        return s.indexOf('\r') < 0 ? s : LINE_BREAK.matcher(s).replaceAll("\n");
    }

    private static boolean isCommandWord(String line) {
        return line.length() > 1 && (line.charAt(0) == '-' || line.charAt(0) == '/') && Character.isLetter(line.charAt(1));
    }

    /**
     * A command that takes nothing after it, unless something was written there: that is an error,
     * not dropped without a word ({@code {"line":"-lg\nhello"}} would otherwise lose the hello).
     */
    private static Command alone(String word, String rest, Command command) {
        return rest.isEmpty() ? command
                : new Command.Invalid(command.name(), word + " takes nothing after it; not run, nothing sent: " + firstLine(rest));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }

    private static Command parseCommand(String line) {
        String[] parts = WHITESPACE.split(line, 2);
        String word = parts[0];
        String rest = parts.length > 1 ? parts[1].strip() : "";
        Optional<CommandSpec> spec = Commands.bySpelling(word);
        if (spec.isEmpty()) {
            return new Command.Invalid(word.substring(1).toLowerCase(Locale.ROOT),
                    "unknown command " + word + " (-help lists them)");
        }
        String name = spec.get().name();
        switch (name) {
            case "help":
                return new Command.Help(); // "-help nick": the whole list, the command among it
            case "quit":
                return new Command.Quit(rest); // "/quit bye all", as on IRC: the peers show "bob went offline (quit: bye all)"
            case "listgroups":
                return alone(word, rest, new Command.ListGroups());
            case "listusers":
                return alone(word, rest, new Command.ListUsers());
            case "more":
                return alone(word, rest, new Command.More());
            case "waiting":
                return alone(word, rest, new Command.Waiting());
            case "open":
                if (rest.isEmpty() && word.equalsIgnoreCase("/q")) {
                    // irssi's /q is /query; someone typing it alone most likely meant to leave.
                    return new Command.Invalid(name, "missing argument: /q <#group|@user> opens a conversation; -q or /quit leaves");
                }
                return oneName(name, rest, "-open <#group|@user>", Command.Open::new);
            case "members":
                return oneName(name, rest, "-members <group>", Command.Members::new);
            case "creategroup":
                return oneName(name, rest, "-creategroup <group>", Command.CreateGroup::new);
            case "joingroup":
                return oneName(name, rest, "-joingroup <group>", Command.JoinGroup::new);
            case "leavegroup":
                return oneName(name, rest, "-leavegroup <group>", Command.LeaveGroup::new);
            case "ignore":
                return rest.isEmpty() ? new Command.Ignore(null) : oneName(name, rest, "-ignore [@user]", Command.Ignore::new);
            case "unignore":
                return oneName(name, rest, "-unignore <@user>", Command.Unignore::new);
            case "nick":
                return oneName(name, rest, "-nick <name>", Command.Rename::new);
            case "forget":
                return rest.isEmpty() ? new Command.Forget(null) : oneName(name, rest, "-forget [@user]", Command.Forget::new);
            case "id":
                return rest.isEmpty() ? new Command.Identity(null) : oneName(name, rest, "-id [@user]", Command.Identity::new);
            case "finduser":
                return rest.isEmpty() ? invalid(name, "-finduser <text>") : new Command.FindUser(rest);
            case "findgroup":
                return rest.isEmpty() ? invalid(name, "-findgroup <text>") : new Command.FindGroup(rest);
            case "history":
                return history(rest);
            case "since":
                return since(rest);
            case "search":
                return search(rest);
            case "msg":
                return msg(rest);
            case "me":
                // The text keeps its /me: that is what makes it an action wherever it is shown.
                return rest.isEmpty() ? invalid(name, "/me <action>") : send(null, MessageView.ACTION + rest, 0);
            case "delay":
                return delay(rest);
            default:
                throw new IllegalStateException("command table and parser disagree on " + name);
        }
    }

    /**
     * A command on one group or user. More words are an error, not ignored: {@code /create my group}
     * made a group called {@code my}, and {@code /join no such} said there is no {@code #no}.
     */
    private static Command oneName(String name, String rest, String usage, Function<String, Command> command) {
        if (rest.isEmpty()) {
            return invalid(name, usage);
        }
        String[] words = WHITESPACE.split(rest);
        if (words.length == 1) {
            return command.apply(rest);
        }
        String joined = String.join("-", words);
        String hint = GroupName.isValid(joined.replaceFirst("^[#@]", "")) ? " (" + joined + "?)" : "";
        return new Command.Invalid(name, "one name only: \"" + rest + "\" is " + words.length
                + " words, and names have no spaces" + hint + "; usage: " + usage);
    }

    private static Command invalid(String name, String usage) {
        return new Command.Invalid(name, "missing argument: " + usage);
    }

    /** {@code -search [#group|@user] <text>}: a first word with a sigil is where, when text follows it. */
    private static Command search(String rest) {
        String[] parts = rest.isEmpty() ? new String[0] : WHITESPACE.split(rest, 2);
        if (parts.length == 0) {
            return invalid("search", "-search [#group|@user] <text>");
        }
        boolean where = (parts[0].startsWith("#") || parts[0].startsWith("@")) && parts[0].length() > 1 && parts.length == 2;
        return where ? new Command.Search(parts[0], parts[1], SEARCH_RESULTS) : new Command.Search(null, rest, SEARCH_RESULTS);
    }

    private static Command since(String rest) {
        String[] words = rest.isEmpty() ? new String[0] : WHITESPACE.split(rest);
        if (words.length < 1 || words.length > 2 || !Arrays.stream(words).allMatch(CommandParser::isNumber)) {
            return new Command.Invalid("since", "usage: -since <seq> [n]: the messages after the seq-th this node sent"
                    + " or delivered (0: from its first), n of them at most (" + DEFAULT_SINCE + ")");
        }
        long seq = parseCapped(words[0], Long.MAX_VALUE);
        int count = words.length == 2 ? (int) parseCapped(words[1], MAX_HISTORY) : DEFAULT_SINCE;
        if (count < 1) {
            return new Command.Invalid("since", "the number of messages must be at least 1");
        }
        return new Command.Since(seq, count);
    }

    private static boolean isNumber(String word) {
        return !word.isEmpty() && word.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** A run of digits as a number, at most {@code cap} (a longer run is the cap, not an error). */
    private static long parseCapped(String digits, long cap) {
        try {
            return Math.min(Long.parseLong(digits), cap);
        } catch (NumberFormatException tooLong) {
            return cap;
        }
    }

    private static Command history(String rest) {
        String target = null;
        int count = DEFAULT_HISTORY;
        for (String word : rest.isEmpty() ? new String[0] : WHITESPACE.split(rest)) {
            if (word.chars().allMatch(Character::isDigit)) {
                count = (int) parseCapped(word, MAX_HISTORY);
                if (count < 1) {
                    return new Command.Invalid("history", "the number of messages must be at least 1");
                }
            } else if (target == null) {
                target = word;
            } else {
                return new Command.Invalid("history", "usage: -history [#group|@user] [n]");
            }
        }
        return new Command.History(target, count);
    }

    private static Command msg(String rest) {
        String[] parts = WHITESPACE.split(rest, 2);
        if (rest.isEmpty() || parts.length < 2) {
            return invalid("msg", "/msg <#group|@user> <text>");
        }
        return send(parts[0], parts[1], 0);
    }

    private static Command delay(String rest) {
        String[] parts = WHITESPACE.split(rest, 2);
        if (rest.isEmpty() || parts.length < 2) {
            return invalid("delay", "-delay <seconds> <message line>");
        }
        double seconds;
        try {
            seconds = Double.parseDouble(parts[0]);
        } catch (NumberFormatException e) {
            return new Command.Invalid("delay", "not a number of seconds: " + parts[0]);
        }
        if (!(seconds >= 0) || seconds > MAX_DELAY_SECONDS) {
            return new Command.Invalid("delay", "the delay must be between 0 and " + (int) MAX_DELAY_SECONDS + " seconds");
        }
        Command inner = parse(parts[1]);
        if (inner instanceof Command.Send s) {
            return new Command.Send(s.target(), s.text(), seconds);
        }
        if (inner instanceof Command.Invalid i) {
            return new Command.Invalid("delay", i.message());
        }
        return new Command.Invalid("delay", "-delay holds back a message, not a command: " + parts[1]);
    }

    private static Command send(String target, String text, double delay) {
        String t = text.strip();
        int length = Payload.length(t);
        if (length > Payload.MAX_TEXT_LENGTH) {
            return new Command.Invalid(delay > 0 ? "delay" : "send",
                    "the message is " + length + " characters long; the limit is " + Payload.MAX_TEXT_LENGTH);
        }
        return new Command.Send(target, t, delay);
    }
}
