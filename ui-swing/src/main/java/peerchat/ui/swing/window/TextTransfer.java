package peerchat.ui.swing.window;

import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.Transferable;
import java.util.List;
import java.util.function.Function;
import javax.swing.JComponent;
import javax.swing.JList;
import javax.swing.TransferHandler;

/**
 * Copy (Ctrl+C, a menu) of a list's selected entries as the text a person reads there. A list's
 * own handler copied each value's {@code toString()}: a record dump ({@code Line[kind=MESSAGE, id=…]}).
 */
final class TextTransfer<T> extends TransferHandler {
    private static final long serialVersionUID = 1L;
    private final transient Function<List<T>, String> text;

    TextTransfer(Function<List<T>, String> text) {
        this.text = text;
    }

    /** One entry a line, each as {@code each} writes it. */
    static <T> TextTransfer<T> lines(Function<T, String> each) {
        return new TextTransfer<>(items -> String.join("\n", items.stream().map(each).toList()));
    }

    @Override
    public int getSourceActions(JComponent c) {
        return COPY;
    }

    @Override
    @SuppressWarnings("unchecked") // installed on a JList<T> only
    protected Transferable createTransferable(JComponent c) {
        JList<T> list = (JList<T>) c;
        return list.isSelectionEmpty() ? null : new StringSelection(text.apply(list.getSelectedValuesList()));
    }
}
