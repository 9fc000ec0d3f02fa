package peerchat.ui.swing.window;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Frame;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Optional;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.DefaultEditorKit;
import javax.swing.text.JTextComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.Node;
import peerchat.ui.swing.EdtScheduler;
import peerchat.ui.swing.presenter.ChatPresenter;
import peerchat.ui.swing.presenter.ChatView;
import peerchat.ui.swing.presenter.Completion;
import peerchat.ui.swing.presenter.ComposeHistory;
import peerchat.ui.swing.presenter.ConversationItem;
import peerchat.ui.swing.presenter.GroupItem;
import peerchat.ui.swing.presenter.Line;
import peerchat.ui.swing.presenter.ReadMarks;
import peerchat.ui.swing.presenter.UserItem;

/**
 * The peerchat window: conversations and groups on the left, the transcript and the compose box in
 * the middle, the members of the current conversation on the right. A passive view: every gesture
 * goes to the {@link ChatPresenter}, which decides what is shown. Created and used on the EDT only.
 */
public final class ChatWindow implements ChatView {
    private static final Logger LOG = LoggerFactory.getLogger(ChatWindow.class);
    private final JFrame frame = new JFrame("peerchat");
    private final ChatPresenter presenter;

    private final DefaultListModel<ConversationItem> conversations = new DefaultListModel<>();
    private final JList<ConversationItem> conversationList = new JList<>(conversations);
    private final DefaultListModel<GroupItem> groups = new DefaultListModel<>();
    private final JList<GroupItem> groupList = new JList<>(groups);
    private final DefaultListModel<UserItem> users = new DefaultListModel<>();
    private final JList<UserItem> userList = new JList<>(users);
    private final DefaultListModel<UserItem> members = new DefaultListModel<>();
    private final JList<UserItem> memberList = new JList<>(members);
    private final JLabel membersHeading = new JLabel(" ");
    private final JLabel conversationHeading = new JLabel(" ");
    private final JTextField groupSearch = new JTextField();
    private final JTextField userSearch = new JTextField();
    private final JButton join = new JButton("Join");
    private final JButton create = new JButton("New…");
    private final JButton leave = new JButton("Leave");
    /** Chat › Leave #dev ({@code Ctrl+L}): the open conversation's group, see {@link #menus()}. */
    private JMenuItem leaveOpen;
    private final JTextArea compose = new JTextArea(1, 40);
    private final ComposeHistory sent = new ComposeHistory();
    private final JButton send = new JButton("Send");
    private final JLabel status = new JLabel(" ");
    private final JTabbedPane sideTabs = new JTabbedPane();
    private final TranscriptPanel transcript;
    /** Set while the presenter fills the sidebar, so that its selection is not taken for the user's. */
    private boolean showing;
    /** Null without a settings file. */
    private SettingsWriter settingsWriter;
    /** As last loaded or kept: the place a maximized window goes back to. */
    private WindowSettings kept = WindowSettings.DEFAULTS;

    private ChatWindow(Node node, Clock clock, ReadMarks read, Browser browser) {
        this.presenter = new ChatPresenter(node, this, EdtScheduler.get(), clock, read, () -> {
            if (settingsWriter != null) {
                settingsWriter.changed();
            }
        });
        this.transcript = new TranscriptPanel(presenter::loadOlder, browser, text -> showStatus(text, false));
        frame.setName("peerchat");
        frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        frame.setJMenuBar(menus());
        JSplitPane right = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, center(), membersPanel());
        right.setResizeWeight(1.0);
        right.setBorder(null);
        JSplitPane main = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, sidebar(), right);
        main.setBorder(null);
        JPanel content = new JPanel(new BorderLayout());
        content.add(main, BorderLayout.CENTER);
        status.setName("status");
        Theme.plainText(status);
        Theme.plainText(membersHeading);
        Theme.plainText(conversationHeading);
        status.setBorder(BorderFactory.createEmptyBorder(3, 10, 3, 10));
        content.add(status, BorderLayout.SOUTH);
        frame.setContentPane(content);
        frame.setSize(1100, 720);
        frame.setMinimumSize(new Dimension(720, 420));
        frame.setLocationRelativeTo(null);
    }

    /**
     * Builds and shows the window for {@code node}; {@code onClosed} runs (on the EDT) once it is
     * closed, by the user or by {@code -quit}. The node is left running: whoever started it stops it.
     */
    public static ChatWindow open(Node node, Clock clock, Runnable onClosed) {
        return open(node, clock, onClosed, null);
    }

    /**
     * As {@link #open(Node, Clock, Runnable)}, with the theme {@code settings} (a
     * {@link WindowSettings} file; null: none, the caller sets the theme up) says, set up before the
     * window is built, the window where it last left it if that is still on a screen, the unread
     * counts from where the user had read to, and what it is written there when closed (what the
     * user reads, also within seconds of reading it).
     */
    public static ChatWindow open(Node node, Clock clock, Runnable onClosed, Path settings) {
        return open(node, clock, onClosed, settings, new DesktopBrowser());
    }

    /** As {@link #open(Node, Clock, Runnable, Path)}, opening links in {@code browser}. */
    static ChatWindow open(Node node, Clock clock, Runnable onClosed, Path settings, Browser browser) {
        WindowSettings saved = WindowSettings.DEFAULTS;
        if (settings != null) {
            saved = WindowSettings.load(settings);
            Theme.setup(saved.dark());
        }
        ChatWindow window = new ChatWindow(node, clock, saved.read(), browser);
        window.kept = saved;
        if (settings != null) {
            window.settingsWriter = new SettingsWriter(settings, window::settingsNow);
        }
        saved.bounds().filter(ChatWindow::onAScreen).ifPresent(window.frame::setBounds);
        window.frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                if (window.settingsWriter != null) {
                    window.settingsWriter.close();
                }
                window.presenter.stop();
                onClosed.run();
            }

            @Override
            public void windowOpened(WindowEvent e) {
                window.compose.requestFocusInWindow();
            }

            @Override
            public void windowActivated(WindowEvent e) {
                window.presenter.windowActive(true);
            }

            @Override
            public void windowDeactivated(WindowEvent e) {
                window.presenter.windowActive(false);
            }
        });
        // A bug in the window is logged and shown in its status line, not dumped on the terminal.
        Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> {
            LOG.error("unexpected error in the window", e);
            if (window.frame.isDisplayable()) {
                window.showStatus("something went wrong: " + e + " (details in the log)", true);
            }
        });
        window.presenter.start();
        window.frame.setVisible(true);
        return window;
    }

    public JFrame frame() {
        return frame;
    }

    public ChatPresenter presenter() {
        return presenter;
    }

    // ---------------------------------------------------------------- layout

    private JComponent sidebar() {
        conversationList.setName("conversations");
        conversationList.setCellRenderer(new ConversationRenderer());
        conversationList.setTransferHandler(TextTransfer.lines(ConversationItem::label));
        conversationList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        conversationList.addListSelectionListener(e -> {
            if (!showing && !e.getValueIsAdjusting() && conversationList.getSelectedIndex() >= 0) {
                presenter.selectIndex(conversationList.getSelectedIndex());
            }
        });
        // A conversation chosen with the mouse, or Enter, hands the keyboard to the compose box, so
        // what is typed next is not lost; the arrow keys still walk the list.
        conversationList.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseReleased(MouseEvent e) {
                int index = conversationList.locationToIndex(e.getPoint());
                if (SwingUtilities.isLeftMouseButton(e) && index >= 0
                        && conversationList.getCellBounds(index, index).contains(e.getPoint())) {
                    compose.requestFocusInWindow();
                }
            }
        });
        conversationList.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "peerchat-compose");
        conversationList.getActionMap().put("peerchat-compose", action(compose::requestFocusInWindow));
        JPanel top = titled("Conversations", new JScrollPane(conversationList));

        groupList.setName("groups");
        groupList.setCellRenderer(new GroupRenderer());
        groupList.setTransferHandler(TextTransfer.<GroupItem>lines(g -> "#" + g.name()));
        groupList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        groupList.addListSelectionListener(e -> updateButtons());
        onDoubleClick(groupList, this::openOrJoin);
        groupSearch.setName("groupSearch");
        groupSearch.putClientProperty("JTextField.placeholderText", "Search groups");
        onEdit(groupSearch, presenter::searchGroups);
        SearchKeys.install(groupSearch, groupList, g -> true, g -> {
            openOrJoin(g);
            compose.requestFocusInWindow();
        }, compose::requestFocusInWindow);
        join.setName("joinGroup");
        join.addActionListener(e -> {
            GroupItem g = groupList.getSelectedValue();
            if (g != null) {
                presenter.joinGroup(g.name());
            }
        });
        create.setName("createGroup");
        create.addActionListener(e -> askNewGroup());
        leave.setName("leaveGroup");
        // The buttons act on the group selected in this list, not on the conversation open beside it.
        leave.addActionListener(e -> {
            GroupItem g = groupList.getSelectedValue();
            if (g != null && g.leavable()) {
                presenter.leaveGroup(g.name());
            }
        });
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 2));
        buttons.add(join);
        buttons.add(create);
        buttons.add(leave);
        JPanel groupsTab = new JPanel(new BorderLayout(0, 4));
        groupsTab.add(groupSearch, BorderLayout.NORTH);
        groupsTab.add(new JScrollPane(groupList), BorderLayout.CENTER);
        groupsTab.add(buttons, BorderLayout.SOUTH);

        userList.setName("users");
        userList.setCellRenderer(new UserRenderer());
        userList.setTransferHandler(TextTransfer.lines(UserItem::label));
        onDoubleClick(userList, u -> presenter.openDirect(u.id()));
        UserMenu.install(userList, presenter);
        userSearch.setName("userSearch");
        userSearch.putClientProperty("JTextField.placeholderText", "Search users");
        onEdit(userSearch, presenter::searchUsers);
        SearchKeys.install(userSearch, userList, u -> !u.self(), u -> {
            presenter.openDirect(u.id());
            compose.requestFocusInWindow();
        }, compose::requestFocusInWindow);
        JPanel usersTab = new JPanel(new BorderLayout(0, 4));
        usersTab.add(userSearch, BorderLayout.NORTH);
        usersTab.add(new JScrollPane(userList), BorderLayout.CENTER);

        sideTabs.setName("sideTabs");
        sideTabs.addTab("Groups", groupsTab);
        sideTabs.addTab("Users", usersTab);

        JSplitPane side = new JSplitPane(JSplitPane.VERTICAL_SPLIT, top, sideTabs);
        side.setResizeWeight(0.45);
        side.setBorder(null);
        side.setPreferredSize(new Dimension(270, 600));
        return side;
    }

    private JComponent center() {
        compose.setName("compose");
        compose.setLineWrap(true);
        compose.setWrapStyleWord(true);
        ComposeHeight.install(compose);
        // Each conversation has its own draft: the presenter keeps what is typed with the one open.
        onEdit(compose, presenter::drafted);
        compose.putClientProperty("JTextField.placeholderText", "Message, or a command (-help)");
        // Enter sends; Shift+Enter is a new line inside the message.
        compose.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "peerchat-send");
        compose.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, InputEvent.SHIFT_DOWN_MASK),
                DefaultEditorKit.insertBreakAction);
        compose.getActionMap().put("peerchat-send", action(this::sendComposed));
        // Tab completes a name, a group or a command instead of typing a tab (Ctrl+Tab still leaves the box).
        compose.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_TAB, 0), "peerchat-complete");
        compose.getActionMap().put("peerchat-complete", action(this::completeComposed));
        // Up and Down recall what was sent, as in the terminal, when the box holds nothing of the
        // user's own; otherwise they move the caret as in any text area.
        Action caretUp = compose.getActionMap().get(DefaultEditorKit.upAction);
        Action caretDown = compose.getActionMap().get(DefaultEditorKit.downAction);
        compose.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_UP, 0), "peerchat-previous");
        compose.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_DOWN, 0), "peerchat-next");
        compose.getActionMap().put("peerchat-previous", action(() -> recall(sent.previous(compose.getText()), caretUp)));
        compose.getActionMap().put("peerchat-next", action(() -> recall(sent.next(compose.getText()), caretDown)));
        send.setName("send");
        send.addActionListener(e -> sendComposed());
        JPanel box = new JPanel(new BorderLayout(6, 0));
        box.setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
        box.add(new JScrollPane(compose), BorderLayout.CENTER);
        box.add(send, BorderLayout.EAST);
        conversationHeading.setName("conversationHeading");
        conversationHeading.setFont(conversationHeading.getFont().deriveFont(Font.BOLD,
                conversationHeading.getFont().getSize2D() + 2f));
        conversationHeading.setBorder(BorderFactory.createEmptyBorder(6, 10, 4, 10));
        JPanel center = new JPanel(new BorderLayout());
        center.add(conversationHeading, BorderLayout.NORTH);
        center.add(transcript, BorderLayout.CENTER);
        center.add(box, BorderLayout.SOUTH);
        center.setPreferredSize(new Dimension(600, 600));
        return center;
    }

    private JComponent membersPanel() {
        memberList.setName("members");
        memberList.setCellRenderer(new UserRenderer());
        memberList.setTransferHandler(TextTransfer.lines(UserItem::label));
        onDoubleClick(memberList, u -> {
            if (u.id() != null) {
                presenter.openDirect(u.id());
            }
        });
        UserMenu.install(memberList, presenter);
        membersHeading.setName("membersHeading");
        JPanel panel = new JPanel(new BorderLayout(0, 4));
        membersHeading.setBorder(BorderFactory.createEmptyBorder(6, 8, 2, 8));
        membersHeading.setFont(membersHeading.getFont().deriveFont(Font.BOLD));
        panel.add(membersHeading, BorderLayout.NORTH);
        panel.add(new JScrollPane(memberList), BorderLayout.CENTER);
        panel.setPreferredSize(new Dimension(200, 600));
        return panel;
    }

    private JMenuBar menus() {
        JMenuBar bar = new JMenuBar();
        JMenu chat = new JMenu("Chat");
        chat.setMnemonic('C');
        chat.add(item("New group…", "menuNewGroup", KeyEvent.VK_N, this::askNewGroup));
        chat.add(item("Join group…", "menuJoinGroup", KeyEvent.VK_J, this::askJoinGroup));
        // Two ways to leave, each with one target, never the other's. The menu item and its shortcut
        // act on the conversation open, what the user is looking at and typing into when they press
        // Ctrl+L; the Leave button under the Groups list acts on that list's selection, as Join
        // beside it does. So the item says which group it leaves ("Leave #dev"), and is disabled
        // (its shortcut too) when the open conversation is no group the user can leave: #all, one
        // opened without joining it, a direct conversation (see updateButtons).
        leaveOpen = item("Leave group", "menuLeaveGroup", KeyEvent.VK_L,
                () -> presenter.leavableGroup().ifPresent(presenter::leaveGroup));
        leaveOpen.setEnabled(false);
        chat.add(leaveOpen);
        chat.addSeparator();
        JMenuItem rename = new JMenuItem(action(this::askNewName));
        rename.setText("Change name…");
        rename.setName("menuChangeName");
        chat.add(rename);
        chat.addSeparator();
        chat.add(item("Quit", "menuQuit", KeyEvent.VK_Q, frame::dispose));
        JMenu go = new JMenu("Go");
        go.setMnemonic('G');
        JMenuItem next = new JMenuItem(action(() -> presenter.selectRelative(1)));
        next.setText("Next conversation");
        next.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_DOWN, InputEvent.ALT_DOWN_MASK));
        go.add(next);
        JMenuItem previous = new JMenuItem(action(() -> presenter.selectRelative(-1)));
        previous.setText("Previous conversation");
        previous.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_UP, InputEvent.ALT_DOWN_MASK));
        go.add(previous);
        for (int i = 1; i <= 9; i++) {
            int index = i - 1;
            JMenuItem nth = item("Conversation " + i, "menuConversation" + i, KeyEvent.VK_0 + i,
                    () -> presenter.selectIndex(index));
            go.add(nth);
        }
        go.addSeparator();
        go.add(item("Find user", "menuFindUser", KeyEvent.VK_F, () -> focusSearch(1, userSearch)));
        go.add(item("Find group", "menuFindGroup", KeyEvent.VK_G, () -> focusSearch(0, groupSearch)));
        go.add(item("Compose", "menuCompose", KeyEvent.VK_K, compose::requestFocusInWindow));
        JMenu view = new JMenu("View");
        view.setMnemonic('V');
        JCheckBoxMenuItem dark = new JCheckBoxMenuItem("Dark theme", Theme.isDark());
        dark.setName("menuDark");
        dark.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_D, InputEvent.CTRL_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK));
        dark.addActionListener(e -> Theme.switchTo(dark.isSelected()));
        view.add(dark);
        bar.add(chat);
        bar.add(go);
        bar.add(view);
        return bar;
    }

    // ---------------------------------------------------------------- gestures

    private void completeComposed() {
        Completion c = presenter.complete(compose.getText(), compose.getCaretPosition());
        if (!c.text().equals(compose.getText())) {
            compose.setText(c.text());
        }
        compose.setCaretPosition(c.caret());
    }

    private void sendComposed() {
        String text = compose.getText();
        if (!text.isBlank()) {
            sent.add(text);
            // Emptied first: a command that opens another conversation leaves this one no draft.
            compose.setText("");
            presenter.submit(text);
        }
    }

    private void recall(Optional<String> line, Action otherwise) {
        if (line.isPresent()) {
            compose.setText(line.get());
            compose.setCaretPosition(line.get().length());
        } else {
            otherwise.actionPerformed(new ActionEvent(compose, ActionEvent.ACTION_PERFORMED, null));
        }
    }

    private void askNewGroup() {
        String name = JOptionPane.showInputDialog(frame, "Name of the new group:", "New group",
                JOptionPane.QUESTION_MESSAGE);
        if (name != null) {
            presenter.createGroup(name);
        }
        compose.requestFocusInWindow();
    }

    private void askJoinGroup() {
        GroupItem selected = groupList.getSelectedValue();
        Object name = JOptionPane.showInputDialog(frame, "Group to join:", "Join group",
                JOptionPane.QUESTION_MESSAGE, null, null, selected != null ? selected.name() : "");
        if (name != null) {
            presenter.joinGroup(name.toString());
        }
        compose.requestFocusInWindow();
    }

    /** Asks for another name, the current one filled in, and takes it as {@code -nick} typed would. */
    private void askNewName() {
        Object name = JOptionPane.showInputDialog(frame, "Your new name:", "Change name",
                JOptionPane.QUESTION_MESSAGE, null, null, presenter.myName());
        if (name != null) {
            presenter.changeName(name.toString());
        }
        compose.requestFocusInWindow();
    }

    private void focusSearch(int tab, JTextField field) {
        sideTabs.setSelectedIndex(tab);
        field.requestFocusInWindow();
        field.selectAll();
    }

    private void openOrJoin(GroupItem g) {
        if (g.joined()) {
            presenter.openGroup(g.name());
        } else {
            presenter.joinGroup(g.name());
        }
    }

    /**
     * The buttons follow the group selected in the list; the menu's Leave follows the conversation
     * open. Called whenever either list is shown again: the open conversation and the groups the
     * user is in change only then.
     */
    private void updateButtons() {
        GroupItem g = groupList.getSelectedValue();
        join.setEnabled(g != null && !g.joined());
        leave.setEnabled(g != null && g.leavable());
        Optional<String> open = presenter.leavableGroup();
        leaveOpen.setText(open.map(name -> "Leave #" + name).orElse("Leave group"));
        leaveOpen.setEnabled(open.isPresent());
    }

    // ---------------------------------------------------------------- ChatView

    @Override
    public void showTitle(String title) {
        frame.setTitle(title);
    }

    @Override
    public void showConversations(List<ConversationItem> items, int selected) {
        showing = true;
        try {
            replace(conversations, items);
            if (selected >= 0) {
                conversationHeading.setText(items.get(selected).label());
                conversationList.setSelectedIndex(selected);
                conversationList.ensureIndexIsVisible(selected);
            } else {
                conversationList.clearSelection();
            }
        } finally {
            showing = false;
        }
        updateButtons();
    }

    @Override
    public void showTranscript(List<Line> lines) {
        transcript.replace(lines);
    }

    @Override
    public void scrollToDivider() {
        transcript.toDivider();
    }

    @Override
    public void appendLine(Line line) {
        transcript.append(line);
    }

    @Override
    public void prependLines(List<Line> older) {
        transcript.prepend(older);
    }

    @Override
    public void changeLines(UnaryOperator<Line> change) {
        transcript.change(change);
    }

    @Override
    public void moveDivider(String beforeId) {
        transcript.moveDivider(beforeId);
    }

    @Override
    public void showMembers(String heading, List<UserItem> list) {
        membersHeading.setText(heading);
        replace(members, list);
    }

    @Override
    public void showGroups(List<GroupItem> list) {
        GroupItem selected = groupList.getSelectedValue();
        replace(groups, list);
        if (selected != null) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).name().equals(selected.name())) {
                    groupList.setSelectedIndex(i);
                }
            }
        }
        updateButtons();
    }

    @Override
    public void showUsers(List<UserItem> list) {
        replace(users, list);
    }

    /**
     * What to keep now: the theme, the place (a maximized window keeps the one it had before, to
     * come back to when it is restored) and what the user has read.
     */
    private WindowSettings settingsNow() {
        boolean maximized = (frame.getExtendedState() & Frame.MAXIMIZED_BOTH) != 0;
        Optional<Rectangle> bounds = maximized ? kept.bounds() : Optional.of(frame.getBounds());
        kept = new WindowSettings(Theme.isDark(), bounds, presenter.readMarks());
        return kept;
    }

    /** Enough of it on some screen to be seen and dragged (a screen unplugged since, or a smaller one). */
    private static boolean onAScreen(Rectangle r) {
        for (GraphicsDevice d : GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices()) {
            Rectangle visible = d.getDefaultConfiguration().getBounds().intersection(r);
            if (visible.width >= 100 && visible.height >= 50) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void showStatus(String text, boolean error) {
        status.setText(text.isEmpty() ? " " : text);
        status.setForeground(error ? Theme.error() : Theme.muted());
    }

    @Override
    public void restoreCompose(String text) {
        if (compose.getText().isEmpty()) {
            compose.setText(text);
            compose.setCaretPosition(text.length());
        }
    }

    @Override
    public void showDraft(String text) {
        if (!text.equals(compose.getText())) {
            compose.setText(text);
            compose.setCaretPosition(text.length());
        }
    }

    @Override
    public void replaceStatus(String was, String now) {
        if (status.getText().equals(was)) {
            showStatus(now, false);
        }
    }

    @Override
    public void close() {
        frame.dispose();
    }

    // ---------------------------------------------------------------- helpers

    private static <T> void replace(DefaultListModel<T> model, List<T> items) {
        if (model.size() == items.size()) {
            for (int i = 0; i < items.size(); i++) {
                if (!model.get(i).equals(items.get(i))) {
                    model.set(i, items.get(i));
                }
            }
            return;
        }
        model.clear();
        model.addAll(items);
    }

    private static JPanel titled(String title, JComponent body) {
        JPanel panel = new JPanel(new BorderLayout(0, 4));
        JLabel heading = new JLabel(title);
        heading.setFont(heading.getFont().deriveFont(Font.BOLD));
        heading.setBorder(BorderFactory.createEmptyBorder(6, 8, 2, 8));
        panel.add(heading, BorderLayout.NORTH);
        panel.add(body, BorderLayout.CENTER);
        return panel;
    }

    /** A double-click opens a conversation: the keyboard goes to its compose box, as a click in Conversations does. */
    private <T> void onDoubleClick(JList<T> list, Consumer<T> then) {
        list.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                int index = list.locationToIndex(e.getPoint());
                if (e.getClickCount() == 2 && index >= 0 && list.getCellBounds(index, index).contains(e.getPoint())) {
                    then.accept(list.getModel().getElementAt(index));
                    compose.requestFocusInWindow();
                }
            }
        });
    }

    private static void onEdit(JTextComponent field, Consumer<String> then) {
        field.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                then.accept(field.getText());
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                then.accept(field.getText());
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                then.accept(field.getText());
            }
        });
    }

    private static JMenuItem item(String text, String name, int key, Runnable then) {
        JMenuItem item = new JMenuItem(action(then));
        item.setText(text);
        item.setName(name);
        item.setAccelerator(KeyStroke.getKeyStroke(key, InputEvent.CTRL_DOWN_MASK));
        return item;
    }

    private static AbstractAction action(Runnable then) {
        return new AbstractAction() {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                then.run();
            }
        };
    }
}
