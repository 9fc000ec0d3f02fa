package peerchat.ui.swing.window;

import static org.assertj.core.api.Assertions.assertThat;

import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.plaf.basic.BasicHTML;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.Test;
import peerchat.engine.api.Conversation;
import peerchat.store.event.NodeId;
import peerchat.ui.swing.presenter.ConversationItem;
import peerchat.ui.swing.presenter.UserItem;

/**
 * What another node names is drawn as text, never as HTML, even if it got past the engine's rule
 * (a name never starts with '<'): an HTML label would fetch the images it names.
 */
class PlainTextTest {
    static final String HTML = "<html><img src='http://203.0.113.9/x.png'>bob";
    static final NodeId BOB = new NodeId("b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0");

    /** Drawn on the EDT: an earlier window test in the same JVM fails any Swing call off it. */
    @Test
    void aUserOrConversationThatLooksLikeHtmlIsDrawnAsText() {
        GuiActionRunner.execute(this::drawnAsText);
    }

    private void drawnAsText() {
        JLabel user = (JLabel) new UserRenderer().getListCellRendererComponent(new JList<>(),
                new UserItem(BOB, HTML, "127.0.0.3:7117", true, false, false), 0, false, false);
        assertThat(user.getText()).isEqualTo(HTML);
        assertThat(user.getClientProperty(BasicHTML.propertyKey)).isNull();

        java.awt.Container conversation = (java.awt.Container) new ConversationRenderer().getListCellRendererComponent(new JList<>(),
                new ConversationItem(new Conversation.Direct(BOB), HTML, 0, false, false, false), 0, false, false);
        for (java.awt.Component c : conversation.getComponents()) {
            assertThat(((JLabel) c).getClientProperty(BasicHTML.propertyKey)).isNull();
        }
    }
}
