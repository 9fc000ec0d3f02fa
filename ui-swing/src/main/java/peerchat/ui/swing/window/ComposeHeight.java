package peerchat.ui.swing.window;

import java.awt.Container;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The compose box is as tall as what is typed in it, wrapped lines included: one line when empty,
 * growing up to {@link #MAX_ROWS}, then it scrolls. A long draft can be read over before it is sent,
 * and a short one leaves the room to the transcript.
 */
final class ComposeHeight {
    static final int MAX_ROWS = 6;

    private final JTextArea area;

    private ComposeHeight(JTextArea area) {
        this.area = area;
    }

    /** Sizes {@code area} (inside its scroll pane) to its text from now on. */
    static void install(JTextArea area) {
        ComposeHeight height = new ComposeHeight(area);
        area.setRows(1);
        area.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                height.later();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                height.later();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                height.later();
            }
        });
        // Another width wraps the text into another number of lines.
        area.addComponentListener(new ComponentAdapter() {
            @Override
            public void componentResized(ComponentEvent e) {
                height.later();
            }
        });
    }

    /** Once the text's views have taken the change (they hear of it as this listener does, maybe after it). */
    private void later() {
        SwingUtilities.invokeLater(this::fit);
    }

    private void fit() {
        int lineHeight = area.getFontMetrics(area.getFont()).getHeight();
        int text = area.getUI().getPreferredSize(area).height - area.getInsets().top - area.getInsets().bottom;
        int rows = Math.max(1, Math.min(MAX_ROWS, (text + lineHeight - 1) / lineHeight));
        if (rows != area.getRows()) {
            area.setRows(rows);
            // The scroll pane around the box is a validate root: what holds it is laid out again.
            Container scroll = SwingUtilities.getAncestorOfClass(JScrollPane.class, area);
            if (scroll != null && scroll.getParent() != null) {
                scroll.getParent().revalidate();
                scroll.getParent().repaint();
            }
        }
    }
}
