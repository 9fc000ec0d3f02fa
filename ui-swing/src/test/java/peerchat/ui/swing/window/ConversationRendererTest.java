package peerchat.ui.swing.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.font.TextAttribute;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.Test;
import peerchat.engine.api.Conversation;
import peerchat.store.event.NodeId;
import peerchat.ui.swing.presenter.ConversationItem;

/** A sidebar row as drawn: someone ignored struck through with a tooltip that says so, someone away muted, a floor count with its {@code +}. */
class ConversationRendererTest {
    private final Conversation bob = new Conversation.Direct(new NodeId("bbbbbbbb"));

    /** Drawn on the EDT: an earlier window test in the same JVM fails any Swing call off it. */
    private JPanel drawn(ConversationItem item) {
        return GuiActionRunner.execute(() -> (JPanel) new ConversationRenderer()
                .getListCellRendererComponent(new JList<>(), item, 0, false, false));
    }

    @Test
    void aConversationWithSomeoneIgnoredIsStruckThroughAndSaysSo() {
        JPanel row = drawn(new ConversationItem(bob, "@bob", 0, false, false, true));
        assertThat(((JLabel) row.getComponent(0)).getFont().getAttributes().get(TextAttribute.STRIKETHROUGH))
                .isEqualTo(TextAttribute.STRIKETHROUGH_ON);
        assertThat(row.getToolTipText()).isEqualTo("you ignore bob: their messages are hidden (right-click them under Users to unignore)");

        JPanel away = drawn(new ConversationItem(bob, "@bob", 0, false, true, false));
        assertThat(((JLabel) away.getComponent(0)).getFont().getAttributes().get(TextAttribute.STRIKETHROUGH))
                .isNotEqualTo(TextAttribute.STRIKETHROUGH_ON);
        assertThat(away.getToolTipText()).isEqualTo("@bob is offline: what you write goes when they are back");
    }

    @Test
    void aCountFoundInOnlyPartOfALongLogReadsAsAFloor() {
        Conversation dev = new Conversation.Group(new peerchat.store.event.GroupName("dev"));
        JPanel row = drawn(new ConversationItem(dev, "#dev", 20_000, true, false, false, true));
        assertThat(((JLabel) row.getComponent(1)).getText()).isEqualTo("@ 20000+");

        JPanel exact = drawn(new ConversationItem(dev, "#dev", 3, false, false, false, false));
        assertThat(((JLabel) exact.getComponent(1)).getText()).isEqualTo("3");
    }
}
