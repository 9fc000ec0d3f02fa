package peerchat.ui.swing.window;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Font;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.JViewport;
import javax.swing.ListCellRenderer;
import javax.swing.SwingConstants;
import peerchat.ui.swing.presenter.Line;

/**
 * A transcript entry: sender and time above the text, the text wrapped to the list's width. Own
 * messages are tinted with the accent colour, those that name the user with a warm one and say so,
 * held-back ones say so, notices are muted.
 */
final class LineRenderer implements ListCellRenderer<Line> {
    private final JPanel panel = new JPanel(new BorderLayout(0, 1));
    private final JLabel header = new JLabel();
    private final JTextArea body = new JTextArea();

    LineRenderer() {
        body.setLineWrap(true);
        body.setWrapStyleWord(true);
        body.setEditable(false);
        body.setOpaque(false);
        body.setBorder(null);
        panel.add(header, BorderLayout.NORTH);
        panel.add(body, BorderLayout.CENTER);
        panel.setBorder(BorderFactory.createEmptyBorder(4, 10, 4, 10));
    }

    @Override
    public Component getListCellRendererComponent(JList<? extends Line> list, Line line, int index,
                                                  boolean selected, boolean focused) {
        Color bg = list.getBackground();
        Color fg = list.getForeground();
        Font font = list.getFont();
        header.setFont(font.deriveFont(Font.BOLD, font.getSize2D() - 1f));
        body.setFont(line.action() ? font.deriveFont(Font.ITALIC) : font);
        body.setText(line.shownText());
        body.setVisible(line.kind() != Line.Kind.DIVIDER);
        header.setHorizontalAlignment(line.kind() == Line.Kind.DIVIDER ? SwingConstants.CENTER : SwingConstants.LEADING);
        if (line.kind() == Line.Kind.DIVIDER) {
            header.setText("──────  " + line.text() + "  ──────");
            header.setForeground(Theme.accentText());
            panel.setBackground(bg);
        } else if (line.kind() == Line.Kind.NOTICE) {
            header.setText(line.time() + " · peerchat");
            header.setForeground(Theme.muted());
            body.setForeground(Theme.muted());
            panel.setBackground(bg);
        } else {
            StringBuilder h = new StringBuilder(line.own() ? line.from() + " (you)" : line.from());
            h.append("  ").append(line.time());
            if (line.mention()) {
                h.append("  · mentions you");
            }
            if (line.heldBack()) {
                h.append("  · held back until what it answers arrived");
            }
            header.setText(h.toString());
            header.setForeground(line.own() ? Theme.accentText() : line.mention() ? Theme.mentionText() : fg);
            body.setForeground(fg);
            panel.setBackground(line.own() ? Theme.blend(bg, Theme.accent(), 0.10)
                    : line.mention() ? Theme.blend(bg, Theme.mention(), 0.16) : bg);
        }
        if (selected) {
            panel.setBackground(list.getSelectionBackground());
            body.setForeground(list.getSelectionForeground());
        }
        int width = Math.max(120, visibleWidth(list));
        int inner = width - panel.getInsets().left - panel.getInsets().right;
        body.setSize(inner, Short.MAX_VALUE);
        int height = header.getPreferredSize().height + (body.isVisible() ? 1 + body.getPreferredSize().height : 0)
                + panel.getInsets().top + panel.getInsets().bottom;
        panel.setPreferredSize(new Dimension(width, height));
        return panel;
    }

    /** The width the user sees: the viewport's, so long lines wrap instead of scrolling sideways. */
    private static int visibleWidth(JList<?> list) {
        Container parent = list.getParent();
        return parent instanceof JViewport ? parent.getWidth() : list.getWidth();
    }
}
