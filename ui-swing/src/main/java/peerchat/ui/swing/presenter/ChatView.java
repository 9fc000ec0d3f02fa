package peerchat.ui.swing.presenter;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the presenter asks of a window: a passive view that shows what it is given and reports
 * the user's gestures back to {@link ChatPresenter}. Called only on the presenter's UI thread.
 */
public interface ChatView {
    void showTitle(String title);

    /** The sidebar; {@code selected} is the index of the current conversation. */
    void showConversations(List<ConversationItem> items, int selected);

    /** Replaces the transcript (another conversation was opened); the view scrolls to the end. */
    void showTranscript(List<Line> lines);

    /**
     * The view scrolls so that the divider is at the top (as far as the lines after it reach): the
     * conversation opens where what was unread begins, not at its newest line.
     */
    void scrollToDivider();

    /** A new line at the end (a live message, a notice). */
    void appendLine(Line line);

    /** Older lines before the first one, keeping what the user looks at in place. */
    void prependLines(List<Line> older);

    /** Each line shown as {@code change} gives it back, where it is (the same line: unchanged); nothing scrolls. */
    void changeLines(UnaryOperator<Line> change);

    /**
     * The divider (a {@link Line.Kind#DIVIDER}; there is one at most) moves to just before the
     * line of message {@code beforeId}, keeping what the user looks at in place.
     */
    void moveDivider(String beforeId);

    void showMembers(String heading, List<UserItem> members);

    void showGroups(List<GroupItem> groups);

    void showUsers(List<UserItem> users);

    /** A one-line status; {@code error} ones are shown as such. Empty text clears it. */
    void showStatus(String text, boolean error);

    /** A line the node refused comes back into the compose box to be put right, unless something was typed there since. */
    void restoreCompose(String text);

    /**
     * The compose box holds {@code text}, the caret at its end: the draft of the conversation just
     * opened. What the user types there is told back with {@link ChatPresenter#drafted}.
     */
    void showDraft(String text);

    /** If the status line still shows {@code was} (nothing else was shown since), it shows {@code now} instead; empty clears it. */
    void replaceStatus(String was, String now);

    /** The user quit: close the window. */
    void close();
}
