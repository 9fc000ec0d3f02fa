package peerchat.ui.swing.window;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.TextAttribute;
import java.util.Map;
import javax.swing.UIManager;

/** The FlatLaf look, light or dark, and the few colours the window adds to it. On the EDT. */
public final class Theme {
    private Theme() {
    }

    /** Installs the look before any component exists. */
    public static void setup(boolean dark) {
        if (dark) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
    }

    /** Switches a running window's look. */
    public static void switchTo(boolean dark) {
        setup(dark);
        FlatLaf.updateUI();
    }

    public static boolean isDark() {
        return FlatLaf.isLafDark();
    }

    /**
     * Text from other nodes is shown as text: a Swing label draws text that starts {@code <html>}
     * as HTML (fetching remote images). The engine never lets a name start so; this is the
     * window's own guard for whatever else a label may show.
     */
    static void plainText(javax.swing.JComponent c) {
        c.putClientProperty("html.disable", Boolean.TRUE);
    }

    static Color accent() {
        Color c = UIManager.getColor("Component.accentColor");
        return c != null ? c : new Color(0x2675BF);
    }

    /** The accent as text: lightened on a dark background, where the plain accent is hard to read. */
    static Color accentText() {
        return isDark() ? blend(accent(), Color.WHITE, 0.45) : accent();
    }

    /** Amber: a message that names the user, apart from the accent of own messages and the red of errors. */
    static Color mention() {
        return new Color(0xE0A000);
    }

    static Color mentionText() {
        return isDark() ? new Color(0xF0C050) : new Color(0x9A6A00);
    }

    /** A web link in the transcript: the look's own link colour, lighter in the dark theme. */
    static Color link() {
        Color c = UIManager.getColor("Component.linkColor");
        return c != null ? c : accentText();
    }

    static Color error() {
        Color c = UIManager.getColor("Component.error.focusedBorderColor");
        return c != null ? c : new Color(0xD03030);
    }

    static Color online() {
        return isDark() ? new Color(0x5FBF6A) : new Color(0x2E8B3A);
    }

    static Color muted() {
        Color c = UIManager.getColor("Label.disabledForeground");
        return c != null ? c : Color.GRAY;
    }

    /** {@code font} struck through: someone whose messages are hidden. */
    static Font struck(Font font) {
        return font.deriveFont(Map.of(TextAttribute.STRIKETHROUGH, TextAttribute.STRIKETHROUGH_ON));
    }

    /** {@code base} moved a little towards {@code tint}: own messages stand out without shouting. */
    static Color blend(Color base, Color tint, double amount) {
        return new Color(
                (int) Math.round(base.getRed() + (tint.getRed() - base.getRed()) * amount),
                (int) Math.round(base.getGreen() + (tint.getGreen() - base.getGreen()) * amount),
                (int) Math.round(base.getBlue() + (tint.getBlue() - base.getBlue()) * amount));
    }
}
