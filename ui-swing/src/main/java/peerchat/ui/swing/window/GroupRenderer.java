package peerchat.ui.swing.window;

import java.awt.Component;
import java.awt.Font;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.ListCellRenderer;
import peerchat.ui.swing.presenter.GroupItem;

/** A row of the all-groups list: name, member count, and whether this user is in it. */
final class GroupRenderer implements ListCellRenderer<GroupItem> {
    private final JLabel label = new JLabel();

    GroupRenderer() {
        label.setOpaque(true);
        label.setBorder(BorderFactory.createEmptyBorder(2, 8, 2, 8));
    }

    @Override
    public Component getListCellRendererComponent(JList<? extends GroupItem> list, GroupItem group, int index,
                                                  boolean selected, boolean focused) {
        label.setText("#" + group.name() + "  · " + group.members() + (group.members() == 1 ? " member" : " members")
                + (group.joined() ? " · joined" : ""));
        label.setFont(group.joined() ? list.getFont().deriveFont(Font.BOLD) : list.getFont());
        label.setBackground(selected ? list.getSelectionBackground() : list.getBackground());
        label.setForeground(selected ? list.getSelectionForeground() : list.getForeground());
        return label;
    }
}
