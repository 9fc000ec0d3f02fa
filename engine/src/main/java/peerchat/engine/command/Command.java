package peerchat.engine.command;

/**
 * One parsed command line. Targets stay text here ({@code #g}, {@code @u}, or a bare name): what
 * they name depends on who is known, which the node resolves when it runs the command.
 */
public sealed interface Command {
    /** The canonical command name, as replies carry it. */
    String name();

    /** Text to a target, or to the current conversation when {@code target} is null. */
    record Send(String target, String text, double delaySeconds) implements Command {
        @Override
        public String name() {
            return delaySeconds > 0 ? "delay" : "send";
        }
    }

    record Open(String target) implements Command {
        @Override
        public String name() {
            return "open";
        }
    }

    /** {@code target} null = the current conversation. */
    record History(String target, int count) implements Command {
        @Override
        public String name() {
            return "history";
        }
    }

    /** Messages whose text contains {@code text}, in {@code target} (null: every conversation), the newest {@code count}. */
    record Search(String target, String text, int count) implements Command {
        @Override
        public String name() {
            return "search";
        }
    }

    /** Messages after the {@code seq}-th this node sent or delivered (1 is its first), at most {@code count}. */
    record Since(long seq, int count) implements Command {
        @Override
        public String name() {
            return "since";
        }
    }

    record More() implements Command {
        @Override
        public String name() {
            return "more";
        }
    }

    record Waiting() implements Command {
        @Override
        public String name() {
            return "waiting";
        }
    }

    record CreateGroup(String group) implements Command {
        @Override
        public String name() {
            return "creategroup";
        }
    }

    record JoinGroup(String group) implements Command {
        @Override
        public String name() {
            return "joingroup";
        }
    }

    record LeaveGroup(String group) implements Command {
        @Override
        public String name() {
            return "leavegroup";
        }
    }

    record ListGroups() implements Command {
        @Override
        public String name() {
            return "listgroups";
        }
    }

    record ListUsers() implements Command {
        @Override
        public String name() {
            return "listusers";
        }
    }

    record Members(String group) implements Command {
        @Override
        public String name() {
            return "members";
        }
    }

    record FindUser(String text) implements Command {
        @Override
        public String name() {
            return "finduser";
        }
    }

    record FindGroup(String text) implements Command {
        @Override
        public String name() {
            return "findgroup";
        }
    }

    /** Take {@code name} as this node's display name, from now on and for good. */
    record Rename(String newName) implements Command {
        @Override
        public String name() {
            return "nick";
        }
    }

    /** Hide {@code user}'s messages; {@code user} null: say whose are hidden. */
    record Ignore(String user) implements Command {
        @Override
        public String name() {
            return "ignore";
        }
    }

    /** Show {@code user}'s messages again. */
    record Unignore(String user) implements Command {
        @Override
        public String name() {
            return "unignore";
        }
    }

    /** Drop {@code user}, gone for good, from the lists and from every message's destinations; {@code user} null: say who is. */
    record Forget(String user) implements Command {
        @Override
        public String name() {
            return "forget";
        }
    }

    /** {@code user}'s id in full, to compare out of band; {@code user} null: this node's own. */
    record Identity(String user) implements Command {
        @Override
        public String name() {
            return "id";
        }
    }

    record Help() implements Command {
        @Override
        public String name() {
            return "help";
        }
    }

    /** {@code words}: what the peers are told on leaving ("" for nothing), as on IRC. */
    record Quit(String words) implements Command {
        @Override
        public String name() {
            return "quit";
        }
    }

    /** A line that could not be parsed; {@code command} is what the user tried. */
    record Invalid(String name, String message) implements Command {
    }
}
