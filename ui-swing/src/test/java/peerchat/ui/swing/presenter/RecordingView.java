package peerchat.ui.swing.presenter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Keeps what the presenter last showed, as a window would, so tests can look at it. */
final class RecordingView implements ChatView {
    String title = "";
    List<ConversationItem> conversations = List.of();
    int selected = -1;
    final List<Line> transcript = new ArrayList<>();
    String membersHeading = "";
    List<UserItem> members = List.of();
    List<GroupItem> groups = List.of();
    List<UserItem> users = List.of();
    String status = "";
    boolean statusIsError;
    boolean closed;

    @Override
    public void showTitle(String title) {
        this.title = title;
    }

    @Override
    public void showConversations(List<ConversationItem> items, int selected) {
        this.conversations = items;
        this.selected = selected;
    }

    @Override
    public void showTranscript(List<Line> lines) {
        transcript.clear();
        transcript.addAll(lines);
    }

    @Override
    public void appendLine(Line line) {
        transcript.add(line);
    }

    @Override
    public void prependLines(List<Line> older) {
        transcript.addAll(0, older);
    }

    @Override
    public void changeLines(UnaryOperator<Line> change) {
        transcript.replaceAll(change);
    }

    @Override
    public void moveDivider(String beforeId) {
        Line divider = transcript.stream().filter(l -> l.kind() == Line.Kind.DIVIDER).findFirst().orElseThrow();
        transcript.remove(divider);
        int at = transcript.stream().map(Line::id).toList().indexOf(beforeId);
        transcript.add(at, divider);
    }

    @Override
    public void showMembers(String heading, List<UserItem> members) {
        this.membersHeading = heading;
        this.members = members;
    }

    @Override
    public void showGroups(List<GroupItem> groups) {
        this.groups = groups;
    }

    @Override
    public void showUsers(List<UserItem> users) {
        this.users = users;
    }

    @Override
    public void showStatus(String text, boolean error) {
        this.status = text;
        this.statusIsError = error;
    }

    /** What a refused line put back into the compose box, last. */
    public String restored;

    @Override
    public void restoreCompose(String text) {
        this.restored = text;
    }

    /** What the compose box was last given: the draft of the conversation opened. */
    String draft = "";
    /** How many times the view was asked to scroll to the divider. */
    int scrolledToDivider;

    @Override
    public void showDraft(String text) {
        draft = text;
    }

    @Override
    public void replaceStatus(String was, String now) {
        if (status.equals(was)) {
            showStatus(now, false);
        }
    }

    @Override
    public void scrollToDivider() {
        scrolledToDivider++;
    }

    @Override
    public void close() {
        closed = true;
    }

    List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Line l : transcript) {
            out.add(l.text());
        }
        return out;
    }

    int unread(String label) {
        return conversations.stream().filter(c -> c.label().equals(label)).mapToInt(ConversationItem::unread)
                .findFirst().orElse(-1);
    }
}
