package peerchat.ui.swing.presenter;

import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Node;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;

/**
 * Runs a command line on the node, typed in the compose box or made by a menu or dialog, and shows
 * its answer: an error in the status line; a result's first line there and the whole of it in the
 * transcript, and the lists shown again, as the command may have changed them; {@code -quit} closes
 * the window. The user always gets a line, never a stack trace.
 */
final class CommandAnswers {
    /** The commands that change whose messages are hidden. */
    private static final Set<String> HIDING = Set.of("ignore", "unignore");
    /**
     * The commands whose news comes on the event stream too, in its place among the messages
     * ({@link ChatEvent.Renamed}): their answer goes to the status line only, not twice in the transcript.
     */
    private static final Set<String> TOLD_BY_EVENTS = Set.of("nick");

    private final Node node;
    private final ChatView view;
    private final Answers answers;
    private final ZoneId zone;
    private final Transcript transcript;
    private final Sidebar sidebar;
    /** Runs after {@code -ignore} or {@code -unignore}. */
    private final Runnable hiddenMayHaveChanged;
    /** Runs after any command's answer. */
    private final Runnable labelsMayHaveChanged;

    CommandAnswers(Node node, ChatView view, Answers answers, ZoneId zone, Transcript transcript, Sidebar sidebar,
             Runnable hiddenMayHaveChanged, Runnable labelsMayHaveChanged) {
        this.node = node;
        this.view = view;
        this.answers = answers;
        this.zone = zone;
        this.transcript = transcript;
        this.sidebar = sidebar;
        this.hiddenMayHaveChanged = hiddenMayHaveChanged;
        this.labelsMayHaveChanged = labelsMayHaveChanged;
    }

    /** Runs {@code line}; {@code onSuccess} gets its result once it is shown. */
    void run(String line, Consumer<Reply.Result> onSuccess) {
        run(line, onSuccess, () -> {
        });
    }

    /** As above; {@code onError} runs once an error is shown. */
    void run(String line, Consumer<Reply.Result> onSuccess, Runnable onError) {
        // execute() never errors by contract; should it, the user still gets a line, not silence.
        answers.whenDone(node.execute(line), reply -> onReply(reply, onSuccess, onError),
                e -> view.showStatus(line + ": " + e.getMessage(), true));
    }

    /** Runs {@code command} (such as {@code "-ignore @"}) followed by {@code user}'s label. */
    void onUser(NodeId user, String command) {
        Optional<UserView> u = node.user(user);
        if (u.isEmpty()) {
            view.showStatus("no such user: " + user.shortForm(), true);
            return;
        }
        run(command + u.get().label(), reply -> {
        });
    }

    /** Whether {@code group} can be a group's name; if not, the status line says what one is. */
    boolean validGroup(String group) {
        if (group == null || !GroupName.isValid(group.strip())) {
            view.showStatus("a group name is 1-" + GroupName.MAX_LENGTH
                    + " letters, digits, '_' or '-', starting with a letter or digit", true);
            return false;
        }
        return true;
    }

    private void onReply(Reply reply, Consumer<Reply.Result> onSuccess, Runnable onError) {
        if (reply instanceof Reply.Error error) {
            view.showStatus(error.message(), true);
            onError.run();
            return;
        }
        Reply.Result result = (Reply.Result) reply;
        if (result instanceof Reply.Quit) {
            view.close();
            return;
        }
        String text = ReplyText.of(result, zone);
        view.showStatus(ReplyText.firstLine(text), false);
        if (!text.isEmpty() && !TOLD_BY_EVENTS.contains(result.command())) {
            transcript.notice(text);
        }
        // Any of them: -forget takes a user out (and can give another their plain name back), and no event says so.
        sidebar.refresh();
        labelsMayHaveChanged.run();
        if (HIDING.contains(result.command())) {
            hiddenMayHaveChanged.run();
        }
        onSuccess.accept(result);
    }
}
