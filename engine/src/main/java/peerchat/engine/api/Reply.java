package peerchat.engine.api;

import java.util.List;

/**
 * The answer to one command line: exactly one per line, a {@link Result} or an {@link Error}.
 * {@code command} is the command's canonical name ({@code listusers}, {@code send}, ...).
 */
public sealed interface Reply {
    String command();

    /** The command could not be done; {@code message} says why, for a person. */
    record Error(String command, String message) implements Reply {
    }

    sealed interface Result extends Reply {
    }

    record Users(String command, List<UserView> users) implements Result {
        public Users {
            users = List.copyOf(users);
        }
    }

    record Groups(String command, List<GroupView> groups) implements Result {
        public Groups {
            groups = List.copyOf(groups);
        }
    }

    record Members(String command, String group, List<UserView> members) implements Result {
        public Members {
            members = List.copyOf(members);
        }
    }

    /** History, oldest first. */
    record Messages(String command, String target, List<MessageView> messages) implements Result {
        public Messages {
            messages = List.copyOf(messages);
        }
    }

    /**
     * A message was sent: it is also on the event stream. {@code notice}, when not empty, is what
     * its sender should know about it (its recipient is offline and gets it when back).
     */
    record Sent(String command, MessageView message, String notice) implements Result {
        public Sent(String command, MessageView message) {
            this(command, message, "");
        }
    }

    /** Done, with a line for a person ({@code group created}, the help text, ...). */
    record Done(String command, String text) implements Result {
    }

    /** The user asked to quit; the frontend closes the node and exits. */
    record Quit(String command) implements Result {
    }
}
