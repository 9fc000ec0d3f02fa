package peerchat.ui.swing.window;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.JTextPane;
import javax.swing.JViewport;
import javax.swing.ListCellRenderer;
import javax.swing.SwingConstants;
import javax.swing.text.AbstractDocument;
import javax.swing.text.BadLocationException;
import javax.swing.text.Element;
import javax.swing.text.JTextComponent;
import javax.swing.text.LabelView;
import javax.swing.text.SimpleAttributeSet;
import javax.swing.text.StyleConstants;
import javax.swing.text.StyledDocument;
import javax.swing.text.StyledEditorKit;
import javax.swing.text.View;
import javax.swing.text.ViewFactory;
import peerchat.ui.swing.presenter.Line;
import peerchat.ui.swing.presenter.LinksInText;

/**
 * A transcript entry: sender and time above the text, the text wrapped to the list's width. Own
 * messages are tinted with the accent colour, those that name the user with a warm one and say so,
 * held-back ones say so, notices are muted. Web links in the text ({@link LinksInText}: http and
 * https only) are drawn as links, underlined in the look's link colour; {@link #linkAt} tells which
 * one a click in the list falls on.
 */
final class LineRenderer implements ListCellRenderer<Line> {
    private final JPanel panel = new JPanel(new BorderLayout(0, 1));
    private final JLabel header = new JLabel();
    /** The text of a line without links: a plain text area, the cheapest to lay out (every line is measured again as lines come). */
    private final JTextArea body = new JTextArea();
    /** The text of a line with links, which are styled runs of it. Plain text inserted, never HTML: what others wrote stays text. */
    private final JTextPane linked = new JTextPane();
    /** Whichever of the two the last line drawn used. */
    private JTextComponent text = body;

    LineRenderer() {
        Theme.plainText(header);
        linked.setEditorKit(new WrappingKit());
        body.setLineWrap(true);
        body.setWrapStyleWord(true);
        for (JTextComponent t : List.of(body, linked)) {
            t.setEditable(false);
            t.setOpaque(false);
            t.setBorder(null);
        }
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
        List<LinksInText.Span> links = links(line);
        use(links.isEmpty() ? body : linked);
        text.setFont(line.action() ? font.deriveFont(Font.ITALIC) : font);
        text.setVisible(line.kind() != Line.Kind.DIVIDER);
        header.setHorizontalAlignment(line.kind() == Line.Kind.DIVIDER ? SwingConstants.CENTER : SwingConstants.LEADING);
        Color textColour = fg;
        if (line.kind() == Line.Kind.DIVIDER) {
            header.setText("──────  " + line.text() + "  ──────");
            header.setForeground(Theme.accentText());
            panel.setBackground(bg);
        } else if (line.kind() == Line.Kind.NOTICE) {
            header.setText(line.time() + " · peerchat");
            header.setForeground(Theme.muted());
            textColour = Theme.muted();
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
            panel.setBackground(line.own() ? Theme.blend(bg, Theme.accent(), 0.10)
                    : line.mention() ? Theme.blend(bg, Theme.mention(), 0.16) : bg);
        }
        if (selected) {
            panel.setBackground(list.getSelectionBackground());
            textColour = list.getSelectionForeground();
        }
        text.setForeground(textColour);
        if (text == linked) {
            // On the selection's colour the link colour could not be read: the underline says it there.
            show(line.shownText(), links, textColour, selected ? textColour : Theme.link());
        } else {
            body.setText(line.shownText());
        }
        int width = Math.max(120, visibleWidth(list));
        int inner = width - panel.getInsets().left - panel.getInsets().right;
        text.setSize(inner, Short.MAX_VALUE);
        int height = header.getPreferredSize().height + (text.isVisible() ? 1 + text.getPreferredSize().height : 0)
                + panel.getInsets().top + panel.getInsets().bottom;
        panel.setPreferredSize(new Dimension(width, height));
        return panel;
    }

    /**
     * The link drawn under {@code point} (in {@code list}'s coordinates), if any: on the link's own
     * characters, not beside them (past the end of its line, say).
     */
    Optional<String> linkAt(JList<? extends Line> list, Point point) {
        int row = list.locationToIndex(point);
        Rectangle cell = row < 0 ? null : list.getCellBounds(row, row);
        if (cell == null || !cell.contains(point)) {
            return Optional.empty();
        }
        List<LinksInText.Span> links = links(list.getModel().getElementAt(row));
        if (links.isEmpty()) {
            return Optional.empty();
        }
        layOut(list, row, cell);
        Point inText = new Point(point.x - cell.x - text.getX(), point.y - cell.y - text.getY());
        int at = text.viewToModel2D(inText);
        for (int offset = at - 1; offset <= at; offset++) {
            for (LinksInText.Span s : links) {
                if (offset >= s.start() && offset < s.end()) {
                    Rectangle box = charBounds(offset);
                    if (box != null && box.contains(inText)) {
                        return Optional.of(s.link());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Where the character at {@code offset} of line {@code row}'s text is drawn, in {@code list}'s
     * coordinates; null if it is not.
     */
    Rectangle charBounds(JList<? extends Line> list, int row, int offset) {
        Rectangle cell = list.getCellBounds(row, row);
        if (cell == null) {
            return null;
        }
        layOut(list, row, cell);
        Rectangle box = charBounds(offset);
        if (box != null) {
            box.translate(cell.x + text.getX(), cell.y + text.getY());
        }
        return box;
    }

    /** The component of line {@code row} as drawn in its cell, so that positions in its text can be found. */
    private void layOut(JList<? extends Line> list, int row, Rectangle cell) {
        getListCellRendererComponent(list, list.getModel().getElementAt(row), row, list.isSelectedIndex(row), false);
        panel.setSize(cell.width, cell.height);
        panel.doLayout();
    }

    /** The box of the character at {@code offset} in the text laid out, to the end of its row if it is the last there. */
    private Rectangle charBounds(int offset) {
        try {
            Rectangle2D from = text.modelToView2D(offset);
            Rectangle2D to = text.modelToView2D(offset + 1);
            if (from == null || to == null) {
                return null;
            }
            double right = to.getY() == from.getY() ? to.getX() : text.getWidth();
            return new Rectangle((int) from.getX(), (int) from.getY(), (int) Math.ceil(right - from.getX()),
                    (int) Math.ceil(from.getHeight()));
        } catch (BadLocationException e) {
            return null;
        }
    }

    /** The links of a line's text as shown ({@code * bob waves}: only in what bob wrote, not in his name). */
    private static List<LinksInText.Span> links(Line line) {
        if (line.kind() == Line.Kind.DIVIDER) {
            return List.of();
        }
        int shift = line.shownText().length() - line.text().length();
        List<LinksInText.Span> links = new ArrayList<>();
        for (LinksInText.Span s : LinksInText.spans(line.text())) {
            links.add(new LinksInText.Span(s.start() + shift, s.end() + shift, s.link()));
        }
        return links;
    }

    private void use(JTextComponent wanted) {
        if (text != wanted) {
            panel.remove(text);
            panel.add(wanted, BorderLayout.CENTER);
            text = wanted;
        }
    }

    /** {@code shown} as plain text in {@code colour}, its {@code links} underlined in {@code linkColour}. */
    private void show(String shown, List<LinksInText.Span> links, Color colour, Color linkColour) {
        StyledDocument doc = linked.getStyledDocument();
        SimpleAttributeSet plain = new SimpleAttributeSet();
        StyleConstants.setForeground(plain, colour);
        SimpleAttributeSet link = new SimpleAttributeSet();
        StyleConstants.setUnderline(link, true);
        StyleConstants.setForeground(link, linkColour);
        try {
            doc.remove(0, doc.getLength());
            doc.insertString(0, shown, plain);
        } catch (BadLocationException e) {
            throw new IllegalStateException(e);
        }
        for (LinksInText.Span s : links) {
            doc.setCharacterAttributes(s.start(), s.end() - s.start(), link, false);
        }
    }

    /**
     * The text pane's own kit, but that a word longer than the width (a long link) is broken where
     * the width ends, as the text area of a line without links breaks it: a text pane's runs of
     * text otherwise cannot be narrower than their longest word, and the line would be cut off.
     */
    private static final class WrappingKit extends StyledEditorKit {
        private static final long serialVersionUID = 1L;
        private final ViewFactory views = new ViewFactory() {
            private final ViewFactory styled = new StyledEditorKit().getViewFactory();

            @Override
            public View create(Element element) {
                if (AbstractDocument.ContentElementName.equals(element.getName())) {
                    return new LabelView(element) {
                        @Override
                        public float getMinimumSpan(int axis) {
                            return axis == View.X_AXIS ? 0 : super.getMinimumSpan(axis);
                        }
                    };
                }
                return styled.create(element);
            }
        };

        @Override
        public ViewFactory getViewFactory() {
            return views;
        }
    }

    /** The width the user sees: the viewport's, so long lines wrap instead of scrolling sideways. */
    private static int visibleWidth(JList<?> list) {
        Container parent = list.getParent();
        return parent instanceof JViewport ? parent.getWidth() : list.getWidth();
    }
}
