package peerchat.engine.api;

import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The node as frontends see it: commands in, one hot stream of events out. The terminal UI, the
 * Swing window and the {@code --json} mode use nothing else of the engine.
 *
 * <p>Thread contract: every method may be called from any thread and never blocks on the network
 * or the disk; the queries ({@link #users()}, {@link #groups()}, ...) answer from memory. Events
 * are emitted one at a time on the node's own threads: a frontend hops to its own (the Swing EDT,
 * say) and never blocks the one it is called on.
 */
public interface Node extends AutoCloseable {

    /** Starts a node: opens (or creates) its data directory, replays its log, starts listening. */
    static Mono<Node> start(NodeConfig config) {
        return peerchat.engine.node.PeerNode.start(config);
    }

    NodeInfo self();

    /** Live events from now on. Hot: a late subscriber misses what came before it. */
    Flux<ChatEvent> events();

    /**
     * The last {@code recent} messages of the current conversation as {@link ChatEvent.Message}
     * events, oldest first, with the renames among them ({@link HistoryPage}), then the live
     * stream, with nothing lost or repeated in between.
     */
    Flux<ChatEvent> events(int recent);

    /** Runs one command line (a command, or a message); exactly one reply. Never errors. */
    Mono<Reply> execute(String line);

    Conversation current();

    /** Makes {@code conversation} the current one (plain text goes there). */
    void open(Conversation conversation);

    /** Every known user, self included, sorted by label; not those forgotten ({@code -forget}) until they connect again. */
    List<UserView> users();

    /** One of {@link #users()}: empty for a user never heard of, or forgotten. */
    Optional<UserView> user(peerchat.store.event.NodeId id);

    /**
     * How user {@code id} is written, as in their messages: their label, the name they had for
     * someone forgotten ({@code -forget}), else the short form of the id.
     */
    default String label(peerchat.store.event.NodeId id) {
        return user(id).map(UserView::label).orElse(id.shortForm());
    }

    /** Every group with its members, sorted by name. */
    List<GroupView> groups();

    /** Groups this node's user is in, {@code all} first. */
    List<String> myGroups();

    /**
     * The last {@code n} messages of a conversation, oldest first, read from the log; each is from
     * the name its sender wrote it under ({@link MessageView#from()}).
     */
    Mono<List<MessageView>> history(Conversation conversation, int n);

    /** The {@code n} messages before {@code cursor} ({@link MessageView#cursor()}), oldest first. */
    Mono<List<MessageView>> historyBefore(Conversation conversation, long cursor, int n);

    /**
     * As {@link #historyBefore} ({@code Long.MAX_VALUE}: the newest {@code n}), with the renames of
     * those in the conversation then (a group's members at the time, the two users of a direct
     * conversation, everyone in {@code all}) in their place among the messages, from the first of
     * them up to {@code cursor} (to now for the newest): a page of the conversation as it
     * happened, as {@code -history} and {@code -more} give it.
     */
    Mono<HistoryPage> historyPage(Conversation conversation, long cursor, int n);

    /**
     * The newest {@code n} messages of {@code conversation} (null: every conversation) whose text
     * contains {@code text}, case-insensitively; oldest first. Reads the whole conversation from
     * the log: for a person asking, not for every event.
     */
    Mono<List<MessageView>> search(Conversation conversation, String text, int n);

    /**
     * Up to {@code n} messages sent or delivered after {@code cursor} ({@link MessageView#cursor()},
     * exclusive; -1 for the first), every conversation, in this node's delivery order: what a
     * frontend that stopped at {@code cursor} (it crashed, it was killed) has not seen.
     */
    Mono<List<MessageView>> historyAfter(long cursor, int n);

    /**
     * As {@link #historyAfter}, with every rename after {@code cursor} in its place among the
     * messages (up to the last of them when there are {@code n}, else to now): the history as it
     * happened, for a frontend catching up on what came while it was away.
     */
    Mono<HistoryPage> historyPageAfter(long cursor, int n);

    /** How many messages this node has sent or delivered, all conversations: the newest cursor plus one. */
    long historySize();

    /** Closes links, flushes and closes the log. Idempotent. */
    Mono<Void> shutdown();

    @Override
    default void close() {
        shutdown().block();
    }
}
