package peerchat.ui.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code <data>/name}: the display name, so that later starts need only {@code --data}. */
public final class NameFile {
    private NameFile() {
    }

    public static Optional<String> read(Path dataDir) {
        Path file = dataDir.resolve("name");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String name = Files.readString(file, StandardCharsets.UTF_8).trim();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UncheckedIOException("the name file " + file + " is damaged (not text): start with --name, which writes it again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A damaged name file is not this name: it is written again. */
    private static boolean storedIs(Path dataDir, String name) {
        try {
            return read(dataDir).filter(name::equals).isPresent();
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** The data directories directly under {@code root} that have a stored name, in name order; none if it does not exist. */
    public static List<Path> nodesUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isDirectory(d) && read(d).isPresent()).sorted().collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            // Only a convenience for a start without --name: unreadable, it finds none and says so.
            return List.of();
        }
    }

    /** Writes it when it differs, so a later {@code --name} renames the user for good. */
    public static void store(Path dataDir, String name) {
        if (storedIs(dataDir, name)) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path tmp = dataDir.resolve("name.tmp");
            Files.writeString(tmp, name + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dataDir.resolve("name"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the name into " + dataDir, e);
        }
    }
}
