package peerchat.ui.swing.window;

import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.JList;
import javax.swing.JTextField;
import javax.swing.KeyStroke;

/**
 * The keys of a search box over the list it filters, as in a launcher: {@code Down} goes into the
 * list (its first entry selected, if none is); {@code Enter}, in the box or the list, opens the entry
 * selected, or else the first that can be opened; {@code Escape} clears the search (the list shows
 * everything again) and gives the keyboard back to the compose box.
 */
final class SearchKeys<T> {
    private final JTextField box;
    private final JList<T> list;
    private final Predicate<T> openable;
    private final Consumer<T> open;
    private final Runnable back;

    private SearchKeys(JTextField box, JList<T> list, Predicate<T> openable, Consumer<T> open, Runnable back) {
        this.box = box;
        this.list = list;
        this.openable = openable;
        this.open = open;
        this.back = back;
    }

    /**
     * @param openable which entries {@code Enter} can open (not oneself among the users)
     * @param open     what a double-click on the entry does
     * @param back     gives the keyboard back to the compose box
     */
    static <T> void install(JTextField box, JList<T> list, Predicate<T> openable, Consumer<T> open, Runnable back) {
        SearchKeys<T> keys = new SearchKeys<>(box, list, openable, open, back);
        bind(box, KeyEvent.VK_DOWN, "peerchat-into-list", keys::intoList);
        bind(box, KeyEvent.VK_ENTER, "peerchat-open-match", keys::openMatch);
        bind(list, KeyEvent.VK_ENTER, "peerchat-open-match", keys::openMatch);
        bind(box, KeyEvent.VK_ESCAPE, "peerchat-clear-search", keys::clear);
    }

    private void intoList() {
        if (list.getModel().getSize() == 0) {
            return;
        }
        if (list.getSelectedIndex() < 0) {
            list.setSelectedIndex(0);
        }
        list.ensureIndexIsVisible(list.getSelectedIndex());
        list.requestFocusInWindow();
    }

    private void openMatch() {
        T selected = list.getSelectedValue();
        if (selected != null && openable.test(selected)) {
            open.accept(selected);
            return;
        }
        for (int i = 0; i < list.getModel().getSize(); i++) {
            T entry = list.getModel().getElementAt(i);
            if (openable.test(entry)) {
                open.accept(entry);
                return;
            }
        }
    }

    private void clear() {
        box.setText("");
        back.run();
    }

    private static void bind(JComponent on, int key, String name, Runnable then) {
        on.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(key, 0), name);
        on.getActionMap().put(name, new AbstractAction() {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                then.run();
            }
        });
    }
}
