package peerchat.ui.swing.window;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.ui.swing.presenter.ReadMarks;

/**
 * What the window remembers between runs, in {@code <data>/window.properties}: the theme, where it
 * was and how big, and how far the user has read in each conversation ({@code read.#dev=1234},
 * {@code read.end=2000}; see {@link ReadMarks}). A file that is missing, unreadable or half written
 * gives the defaults, never an error: it is a convenience, not data (a bad read mark is left out).
 *
 * @param bounds empty for the default size, centred
 */
public record WindowSettings(boolean dark, Optional<Rectangle> bounds, ReadMarks read) {
    public static final String FILE_NAME = "window.properties";
    public static final WindowSettings DEFAULTS = new WindowSettings(false, Optional.empty());
    private static final Logger LOG = LoggerFactory.getLogger(WindowSettings.class);
    private static final String READ = "read.";
    private static final String READ_END = READ + "end";

    public WindowSettings(boolean dark, Optional<Rectangle> bounds) {
        this(dark, bounds, ReadMarks.NONE);
    }

    public static WindowSettings load(Path file) {
        if (!Files.isRegularFile(file)) {
            return DEFAULTS;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("window settings in {} unreadable, using the defaults: {}", file, e.toString());
            return DEFAULTS;
        }
        return new WindowSettings(Boolean.parseBoolean(p.getProperty("dark")), bounds(p), read(p));
    }

    private static ReadMarks read(Properties p) {
        Map<String, Long> seen = new HashMap<>();
        OptionalLong end = OptionalLong.empty();
        for (String key : p.stringPropertyNames()) {
            if (!key.startsWith(READ)) {
                continue;
            }
            try {
                long cursor = Long.parseLong(p.getProperty(key).strip());
                if (key.equals(READ_END)) {
                    end = OptionalLong.of(cursor);
                } else if (key.length() > READ.length()) {
                    seen.put(key.substring(READ.length()), cursor);
                }
            } catch (NumberFormatException bad) {
                LOG.warn("read mark {} in the window settings is not a number, left out", key);
            }
        }
        return new ReadMarks(seen, end);
    }

    private static Optional<Rectangle> bounds(Properties p) {
        try {
            Rectangle r = new Rectangle(Integer.parseInt(p.getProperty("x")), Integer.parseInt(p.getProperty("y")),
                    Integer.parseInt(p.getProperty("width")), Integer.parseInt(p.getProperty("height")));
            return r.width > 0 && r.height > 0 ? Optional.of(r) : Optional.empty();
        } catch (NumberFormatException missingOrBad) {
            return Optional.empty();
        }
    }

    /** Written whole or not at all (a temporary file moved in place). */
    public void save(Path file) {
        Properties p = new Properties();
        p.setProperty("dark", Boolean.toString(dark));
        bounds.ifPresent(r -> {
            p.setProperty("x", Integer.toString(r.x));
            p.setProperty("y", Integer.toString(r.y));
            p.setProperty("width", Integer.toString(r.width));
            p.setProperty("height", Integer.toString(r.height));
        });
        read.end().ifPresent(end -> p.setProperty(READ_END, Long.toString(end)));
        read.seen().forEach((conversation, cursor) -> p.setProperty(READ + conversation, Long.toString(cursor)));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "peerchat window");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not save the window settings to {}: {}", file, e.toString());
        }
    }
}
