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

    /**
     * History, oldest first, with the renames among the messages ({@link HistoryPage}; none for a
     * search, whose messages are found one by one, not a stretch of history).
     */
    record Messages(String command, String target, List<MessageView> messages, List<ChatEvent.Renamed> renames) implements Result {
        public Messages {
            messages = List.copyOf(messages);
            renames = List.copyOf(renames);
        }

        public Messages(String command, String target, List<MessageView> messages) {
            this(command, target, messages, List.of());
        }

        public Messages(String command, String target, HistoryPage page) {
            this(command, target, page.messages(), page.renames());
        }

        /** The messages and the renames as they came ({@link HistoryPage#inOrder()}). */
        public List<ChatEvent> inOrder() {
            return new HistoryPage(messages, renames).inOrder();
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
