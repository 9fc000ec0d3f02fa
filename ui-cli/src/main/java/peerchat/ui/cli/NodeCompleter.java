package peerchat.ui.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.Node;
import peerchat.engine.api.UserView;

/** JLine's side of completion: asks the node for today's names, {@link CompletionModel} for the rest. */
final class NodeCompleter implements Completer {
    private final Node node;

    NodeCompleter(Node node) {
        this.node = node;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<UserView> others = node.users().stream().filter(u -> !u.self()).collect(Collectors.toList());
        List<String> users = others.stream().map(UserView::label).collect(Collectors.toList());
        List<String> ignored = others.stream().filter(UserView::ignored).map(UserView::label).collect(Collectors.toList());
        List<String> groups = node.groups().stream().map(GroupView::name).collect(Collectors.toList());
        for (String c : CompletionModel.candidates(line.words(), line.wordIndex(), users, ignored, groups)) {
            candidates.add(new Candidate(c, c, null, null, null, null, true));
        }
    }
}
