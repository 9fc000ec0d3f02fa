package peerchat.engine.api;

import java.util.List;

/** A group and the labels of its members, sorted. */
public record GroupView(String name, List<String> members) {
    public GroupView {
        members = List.copyOf(members);
    }
}
