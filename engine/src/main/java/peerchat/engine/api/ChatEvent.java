package peerchat.engine.api;

/**
 * What frontends see happen, on the node's one hot stream ({@link Node#events()}). Answers to
 * commands are not here: they come back from {@link Node#execute(String)} to whoever asked.
 */
public sealed interface ChatEvent {
    /** A message this node sent or delivered, at the moment it was sent or delivered. */
    record Message(MessageView message) implements ChatEvent {
    }

    record GroupCreated(String group, String by) implements ChatEvent {
    }

    record Joined(String group, String user) implements ChatEvent {
    }

    record Left(String group, String user) implements ChatEvent {
    }

    /**
     * A user took another name ({@code -nick}, or {@code --name} at a start): {@code user} as shown
     * from then on, {@code was} the name shown before. Told when the message saying so is delivered
     * (for this node's own user: sent), so in its causal place among the messages; not told of a
     * user this node did not know by another name. The history has it in the same place
     * ({@link HistoryPage}), with the names of that moment.
     *
     * @param id     the rename message's id, the same on every node
     * @param ts     when the user took the name (their clock, epoch ms, as a message's {@code ts})
     * @param cursor its place among the messages: after those whose cursor is below it, before the
     *               others ({@link MessageView#cursor()})
     */
    record Renamed(UserView user, String was, String id, long ts, long cursor) implements ChatEvent {
    }

    record PeerUp(UserView user) implements ChatEvent {
    }

    record PeerDown(UserView user, String reason) implements ChatEvent {
    }

    /**
     * Messages that arrived are held back, for a while now, because messages they follow have not
     * (causal order): how many, and {@code text}, for people, says from whom and for whose they
     * wait, as {@code -waiting} does. Told once per change of who waits for whom, so that a silent
     * conversation is explained rather than just silent; {@link Released} says when it is over.
     */
    record HeldBack(int messages, String text) implements ChatEvent {
    }

    /**
     * Nothing is held back any more: the messages a {@link HeldBack} was told of have all been
     * delivered (each a {@link Message} before this, marked held back, unless its sender is
     * ignored), and so has everything held back since. {@code text} says so, for people. Told once
     * per wait told, on the node thread, right after the delivery that let the last of them
     * through (nothing between), and only after a {@code HeldBack}: a message held back a moment
     * and never told of ends in silence. While some are still held back, a change of who waits for
     * whom is a new {@code HeldBack} instead, once it has lasted the same 2 s.
     * <p>
     * A record of its own rather than a {@code HeldBack} of zero messages: a frontend that shows
     * "held back" lines need not know that a count of zero means the opposite, and a script
     * subscribed to {@code held-back} is not told of an end it did not ask about.
     */
    record Released(String text) implements ChatEvent {
    }

    /**
     * Something the user should act on that is not an answer to a command, for people: another
     * node uses this node's identity, say. Frontends show it as a warning, not as chat.
     */
    record Warning(String text) implements ChatEvent {
    }

    /** The current conversation changed (by {@code -open} or a frontend). */
    record Opened(Conversation conversation, String label) implements ChatEvent {
    }
}
