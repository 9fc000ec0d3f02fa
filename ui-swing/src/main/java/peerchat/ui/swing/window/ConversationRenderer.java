package peerchat.ui.swing.window;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Font;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.ListCellRenderer;
import peerchat.ui.swing.presenter.ConversationItem;

/**
 * A sidebar row: the conversation, and its unread count as a badge (bold name while unread), amber
 * and marked {@code @} when something unread there names the user; a direct conversation with
 * someone offline is muted, one with someone ignored muted and struck through.
 */
final class ConversationRenderer implements ListCellRenderer<ConversationItem> {
    private final JPanel panel = new JPanel(new BorderLayout(6, 0));
    private final JLabel name = new JLabel();
    private final JLabel badge = new JLabel();

    ConversationRenderer() {
        Theme.plainText(name);
        Theme.plainText(panel);
        panel.add(name, BorderLayout.CENTER);
        panel.add(badge, BorderLayout.EAST);
        panel.setBorder(BorderFactory.createEmptyBorder(3, 8, 3, 8));
        badge.setOpaque(true);
        badge.setBorder(BorderFactory.createEmptyBorder(0, 6, 0, 6));
    }

    @Override
    public Component getListCellRendererComponent(JList<? extends ConversationItem> list, ConversationItem item,
                                                  int index, boolean selected, boolean focused) {
        Font font = list.getFont();
        name.setText(item.label());
        Font shown = item.unread() > 0 ? font.deriveFont(Font.BOLD) : font;
        name.setFont(item.ignored() ? Theme.struck(shown) : shown);
        name.setForeground(selected ? list.getSelectionForeground()
                : item.away() || item.ignored() ? Theme.muted() : list.getForeground());
        panel.setToolTipText(item.ignored() ? "you ignore " + item.label().substring(1) + ": their messages are hidden (right-click them under Users to unignore)"
                : item.away() ? item.label() + " is offline: what you write goes when they are back" : null);
        badge.setVisible(item.unread() > 0);
        badge.setText(item.mentioned() ? "@ " + item.count() : item.count());
        badge.setFont(font.deriveFont(Font.BOLD, font.getSize2D() - 1f));
        badge.setBackground(item.mentioned() ? Theme.mention() : Theme.accent());
        badge.setForeground(java.awt.Color.WHITE);
        panel.setBackground(selected ? list.getSelectionBackground() : list.getBackground());
        return panel;
    }
}
