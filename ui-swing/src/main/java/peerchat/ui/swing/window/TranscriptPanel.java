package peerchat.ui.swing.window;

import java.awt.BorderLayout;
import java.awt.Cursor;
import java.awt.EventQueue;
import java.awt.datatransfer.StringSelection;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.swing.JList;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollBar;
import javax.swing.JScrollPane;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.ScrollPaneConstants;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;
import javax.swing.event.PopupMenuEvent;
import javax.swing.event.PopupMenuListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.ui.swing.presenter.Line;
import peerchat.ui.swing.presenter.LineText;
import peerchat.ui.swing.presenter.LinksInText;

/**
 * The current conversation's messages. It follows the end while the user is there, keeps still
 * while they read older lines, and asks for the page before when they reach the top. Web links
 * in them are drawn as links and open in the desktop's browser on a click (where there is none, the
 * click copies the link and the status line says so).
 */
final class TranscriptPanel extends JPanel {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptPanel.class);
    /** A menu of a page of links is no menu: the first few. */
    private static final int MAX_LINKS = 5;

    private final LineModel model = new LineModel();
    private final JList<Line> list = new JList<>(model);
    private final LineRenderer renderer = new LineRenderer();
    private final JScrollPane scroll = new JScrollPane(list, ScrollPaneConstants.VERTICAL_SCROLLBAR_ALWAYS,
            ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER);
    private final transient Runnable atTop;
    private final transient Browser browser;
    /** The window's status line. */
    private final transient Consumer<String> say;
    /** Set while the panel itself moves the scroll bar, so that only the user's scrolling pages back. */
    private boolean moving;

    /** {@code browser}: where links open; {@code say}: a word in the window's status line. */
    TranscriptPanel(Runnable atTop, Browser browser, Consumer<String> say) {
        super(new BorderLayout());
        this.atTop = atTop;
        this.browser = browser;
        this.say = say;
        list.setName("transcript");
        list.setCellRenderer(renderer);
        followLinks();
        // Several lines at once (Shift/Ctrl+click) can be copied together.
        list.setSelectionMode(ListSelectionModel.MULTIPLE_INTERVAL_SELECTION);
        list.setTransferHandler(new TextTransfer<Line>(LineText::of));
        list.setComponentPopupMenu(copyMenu());
        scroll.setBorder(null);
        scroll.getVerticalScrollBar().setUnitIncrement(24);
        scroll.getVerticalScrollBar().addAdjustmentListener(e -> {
            if (!moving) {
                checkTop();
            }
        });
        // Wrapped lines change height with the width: make the list measure its cells again.
        scroll.getViewport().addComponentListener(new ComponentAdapter() {
            @Override
            public void componentResized(ComponentEvent e) {
                list.setFixedCellHeight(1);
                list.setFixedCellHeight(-1);
            }
        });
        add(scroll, BorderLayout.CENTER);
    }

    /**
     * Right-click: Copy, and for each web link in the selected lines Open (in the browser, where the
     * desktop has one) and Copy link. A click on a line outside the selection selects it first, as
     * lists elsewhere do. That happens as the menu opens: the look and feel opens it on the press
     * itself (X11, macOS), before a mouse listener of the list would hear of the click.
     */
    private JPopupMenu copyMenu() {
        JPopupMenu menu = new JPopupMenu();
        JMenuItem copy = new JMenuItem("Copy");
        copy.setName("copyLines");
        copy.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_C, Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx()));
        copy.addActionListener(e -> TransferHandler.getCopyAction().actionPerformed(new ActionEvent(list, e.getID(), "copy")));
        menu.add(copy);
        menu.addPopupMenuListener(new PopupMenuListener() {
            @Override
            public void popupMenuWillBecomeVisible(PopupMenuEvent e) {
                if (EventQueue.getCurrentEvent() instanceof MouseEvent click && click.getComponent() == list) {
                    int row = list.locationToIndex(click.getPoint());
                    if (row >= 0 && !list.isSelectedIndex(row)) {
                        list.setSelectedIndex(row);
                    }
                }
                while (menu.getComponentCount() > 1) {
                    menu.remove(1);
                }
                List<String> links = list.getSelectedValuesList().stream().flatMap(l -> LinksInText.of(l.text()).stream())
                        .distinct().limit(MAX_LINKS).collect(Collectors.toList());
                if (!links.isEmpty()) {
                    menu.addSeparator();
                }
                boolean canBrowse = !links.isEmpty() && browser.available();
                for (int i = 0; i < links.size(); i++) {
                    String link = links.get(i);
                    JMenuItem open = new JMenuItem("Open " + shortened(link));
                    open.setName("openLink" + i);
                    open.setEnabled(canBrowse);
                    open.addActionListener(a -> browse(link));
                    JMenuItem copyLink = new JMenuItem("Copy link " + shortened(link));
                    copyLink.setName("copyLink" + i);
                    copyLink.addActionListener(a -> copy(link));
                    menu.add(open);
                    menu.add(copyLink);
                }
            }

            @Override
            public void popupMenuWillBecomeInvisible(PopupMenuEvent e) {
            }

            @Override
            public void popupMenuCanceled(PopupMenuEvent e) {
            }
        });
        return menu;
    }

    /**
     * A plain click on a link opens it (one with Shift or Ctrl selects lines, as elsewhere in the
     * list); the pointer over one is a hand, so that what is a link is seen before it is clicked.
     */
    private void followLinks() {
        MouseAdapter links = new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (SwingUtilities.isLeftMouseButton(e) && e.getClickCount() == 1 && !e.isShiftDown()
                        && !e.isControlDown() && !e.isMetaDown() && !e.isAltDown()) {
                    renderer.linkAt(list, e.getPoint()).ifPresent(TranscriptPanel.this::follow);
                }
            }

            @Override
            public void mouseMoved(MouseEvent e) {
                boolean over = renderer.linkAt(list, e.getPoint()).isPresent();
                list.setCursor(over ? Cursor.getPredefinedCursor(Cursor.HAND_CURSOR) : null);
            }

            @Override
            public void mouseExited(MouseEvent e) {
                list.setCursor(null);
            }
        };
        list.addMouseListener(links);
        list.addMouseMotionListener(links);
    }

    /** A link clicked: opened in the browser, or where there is none copied, and either said in the status line. */
    private void follow(String link) {
        if (browser.available()) {
            if (browse(link)) {
                say.accept("opening " + shortened(link) + " in the browser");
            }
        } else {
            copy(link);
            say.accept("no browser to open links in here: copied " + shortened(link) + " to the clipboard");
        }
    }

    private static void copy(String link) {
        Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(link), null);
    }

    private static String shortened(String link) {
        return link.length() <= 60 ? link : link.substring(0, 57) + "...";
    }

    /** Hands {@code link} to the browser, if it is a web link; whether it did. */
    private boolean browse(String link) {
        try {
            browser.open(LinksInText.uri(link));
            return true;
        } catch (URISyntaxException e) {
            LOG.warn("could not open {} in a browser: {}", link, e.toString());
            return false;
        }
    }

    void replace(List<Line> lines) {
        model.replace(lines);
        toEnd();
        checkTop();
    }

    void append(Line line) {
        boolean follow = atBottom() || line.own() || line.kind() == Line.Kind.NOTICE;
        model.append(line);
        if (follow) {
            toEnd();
        }
    }

    void change(UnaryOperator<Line> change) {
        model.change(change);
    }

    void prepend(List<Line> older) {
        keepingPlace(() -> model.prepend(older));
        checkTop();
    }

    void moveDivider(String beforeId) {
        keepingPlace(() -> model.moveDivider(beforeId));
    }

    /** The divider at the top of the view, or as near as the lines after it let it go. */
    void toDivider() {
        int at = model.dividerIndex();
        if (at < 0) {
            return;
        }
        moving = true;
        try {
            scroll.validate();
            scroll.getVerticalScrollBar().setValue(list.getCellBounds(at, at).y);
        } finally {
            moving = false;
        }
        checkTop();
    }

    /** A change above what the user looks at, which stays where it is: as far from the end as it was. */
    private void keepingPlace(Runnable change) {
        JScrollBar bar = scroll.getVerticalScrollBar();
        int fromBottom = bar.getMaximum() - bar.getValue();
        change.run();
        moving = true;
        try {
            scroll.validate();
            bar.setValue(bar.getMaximum() - fromBottom);
        } finally {
            moving = false;
        }
    }

    private boolean atBottom() {
        JScrollBar bar = scroll.getVerticalScrollBar();
        return bar.getValue() + bar.getVisibleAmount() >= bar.getMaximum() - 8;
    }

    private void toEnd() {
        moving = true;
        try {
            scroll.validate();
            JScrollBar bar = scroll.getVerticalScrollBar();
            bar.setValue(bar.getMaximum());
        } finally {
            moving = false;
        }
    }

    /** At the top (or everything fits): there may be older messages to show. */
    private void checkTop() {
        JScrollBar bar = scroll.getVerticalScrollBar();
        // Not before the list is on screen: a list of no height is always "at the top".
        if (model.getSize() > 0 && scroll.isShowing() && scroll.getViewport().getHeight() > 0
                && bar.getValue() == bar.getMinimum()) {
            atTop.run();
        }
    }
}
