package peerchat.ui.swing.presenter;

import peerchat.store.event.GroupName;

/** One row of the all-groups list. */
public record GroupItem(String name, int members, boolean joined) {
    /** Whether this user can leave it: one they are in, but not {@code all}, which everyone is always in. */
    public boolean leavable() {
        return joined && !GroupName.ALL.value().equals(name);
    }
}
