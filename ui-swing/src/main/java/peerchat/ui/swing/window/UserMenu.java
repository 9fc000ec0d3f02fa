package peerchat.ui.swing.window;

import java.awt.Rectangle;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import javax.swing.AbstractAction;
import javax.swing.JList;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.KeyStroke;
import peerchat.ui.swing.presenter.ChatPresenter;
import peerchat.ui.swing.presenter.UserItem;

/**
 * The right-click menu of a user in the Users and Members lists: {@code Message bob} (the direct
 * conversation, as a double-click opens it), {@code Show bob's id} (as {@code -id @bob}: to compare
 * with the one bob's own window shows), {@code Ignore bob} or {@code Unignore bob}, and for someone
 * offline {@code Forget bob} (as {@code -forget @bob}: a user gone for good leaves the lists). None
 * for oneself, nor for a member the node knows only by name. Shift+F10 or the menu key open it
 * for the selected user. What the entries do is the presenter's.
 */
final class UserMenu {
    private UserMenu() {
    }

    static void install(JList<UserItem> list, ChatPresenter presenter) {
        list.addMouseListener(new MouseAdapter() {
            // Where a click opens a menu differs (X11: pressed; Windows: released): both are asked.
            @Override
            public void mousePressed(MouseEvent e) {
                fromMouse(e);
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                fromMouse(e);
            }

            private void fromMouse(MouseEvent e) {
                int index = list.locationToIndex(e.getPoint());
                if (e.isPopupTrigger() && index >= 0 && list.getCellBounds(index, index).contains(e.getPoint())) {
                    // The entry the menu is about becomes the selected one, as in a file manager.
                    list.setSelectedIndex(index);
                    show(list, presenter, list.getModel().getElementAt(index), e.getX(), e.getY());
                }
            }
        });
        list.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_F10, InputEvent.SHIFT_DOWN_MASK), "peerchat-user-menu");
        list.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_CONTEXT_MENU, 0), "peerchat-user-menu");
        list.getActionMap().put("peerchat-user-menu", new AbstractAction() {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                int index = list.getSelectedIndex();
                if (index >= 0) {
                    Rectangle cell = list.getCellBounds(index, index);
                    show(list, presenter, list.getModel().getElementAt(index), cell.x + 16, cell.y + cell.height);
                }
            }
        });
    }

    private static void show(JList<UserItem> list, ChatPresenter presenter, UserItem user, int x, int y) {
        if (user.self() || user.id() == null) {
            return;
        }
        JPopupMenu menu = new JPopupMenu();
        menu.setName("userMenu");
        menu.add(item("Message " + user.label(), "messageUser", () -> presenter.openDirect(user.id())));
        menu.add(item("Show " + user.label() + "'s id", "userId", () -> presenter.showId(user.id())));
        menu.addSeparator();
        menu.add(user.ignored()
                ? item("Unignore " + user.label(), "unignoreUser", () -> presenter.unignore(user.id()))
                : item("Ignore " + user.label(), "ignoreUser", () -> presenter.ignore(user.id())));
        if (!user.online()) {
            menu.add(item("Forget " + user.label(), "forgetUser", () -> presenter.forget(user.id())));
        }
        menu.show(list, x, y);
    }

    private static JMenuItem item(String text, String name, Runnable then) {
        JMenuItem item = new JMenuItem(text);
        item.setName(name);
        item.addActionListener(e -> then.run());
        return item;
    }
}
