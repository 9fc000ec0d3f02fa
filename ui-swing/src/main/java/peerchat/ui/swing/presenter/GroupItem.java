package peerchat.ui.swing.presenter;

/** One row of the all-groups list. */
public record GroupItem(String name, int members, boolean joined) {
}
