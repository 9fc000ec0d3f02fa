package peerchat.ui.swing.window;

import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.BorderFactory;
import javax.swing.Icon;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.ListCellRenderer;
import peerchat.ui.swing.presenter.UserItem;

/**
 * A user with a presence dot: green online, grey offline; oneself marked; someone ignored greyed
 * and struck through, the tooltip saying what that means and how to undo it.
 */
final class UserRenderer implements ListCellRenderer<UserItem> {
    private static final String IGNORED_TIP = "ignored: their messages are hidden (right-click to unignore)";

    private final JLabel label = new JLabel();
    private final Dot dot = new Dot();

    UserRenderer() {
        Theme.plainText(label);
        label.setOpaque(true);
        label.setBorder(BorderFactory.createEmptyBorder(2, 8, 2, 8));
        label.setIcon(dot);
        label.setIconTextGap(7);
    }

    @Override
    public Component getListCellRendererComponent(JList<? extends UserItem> list, UserItem user, int index,
                                                  boolean selected, boolean focused) {
        label.setText(user.label() + (user.self() ? " (you)" : "") + (user.online() ? "" : " · offline"));
        label.setToolTipText(user.ignored() ? IGNORED_TIP : user.address());
        label.setFont(user.ignored() ? Theme.struck(list.getFont()) : list.getFont());
        label.setBackground(selected ? list.getSelectionBackground() : list.getBackground());
        label.setForeground(selected ? list.getSelectionForeground()
                : user.online() && !user.ignored() ? list.getForeground() : Theme.muted());
        dot.color = user.online() ? Theme.online() : Theme.muted();
        return label;
    }

    private static final class Dot implements Icon {
        private static final int SIZE = 8;
        private Color color = Color.GRAY;

        @Override
        public void paintIcon(Component c, Graphics g, int x, int y) {
            Graphics2D g2 = (Graphics2D) g.create();
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setColor(color);
            g2.fillOval(x, y, SIZE, SIZE);
            g2.dispose();
        }

        @Override
        public int getIconWidth() {
            return SIZE;
        }

        @Override
        public int getIconHeight() {
            return SIZE;
        }
    }
}
