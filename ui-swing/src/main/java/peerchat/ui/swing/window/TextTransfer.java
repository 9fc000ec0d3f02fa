package peerchat.ui.swing.window;

import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.Transferable;
import javax.swing.JComponent;
import javax.swing.JList;
import javax.swing.TransferHandler;
import peerchat.ui.swing.presenter.Line;
import peerchat.ui.swing.presenter.LineText;

/**
 * Copy (Ctrl+C, the transcript's menu) of the selected lines as text. The list's own handler
 * copied each value's {@code toString()}: a record dump ({@code Line[kind=MESSAGE, id=…]}).
 */
final class LineTransfer extends TransferHandler {
    private static final long serialVersionUID = 1L;

    @Override
    public int getSourceActions(JComponent c) {
        return COPY;
    }

    @Override
    @SuppressWarnings("unchecked") // installed on the transcript, a JList<Line>, only
    protected Transferable createTransferable(JComponent c) {
        JList<Line> list = (JList<Line>) c;
        return list.isSelectionEmpty() ? null : new StringSelection(LineText.of(list.getSelectedValuesList()));
    }
}
