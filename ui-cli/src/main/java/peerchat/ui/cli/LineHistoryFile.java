package peerchat.ui.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed-line history file, checked before JLine reads it: one it cannot read (a character cut
 * off by a crash or a full disk) stopped the terminal with {@code MalformedInputException} after
 * the node had started (QA, stop 30). Such a file is moved aside ({@code history.damaged}, or
 * {@code .2} and on when an earlier one is there: never overwritten), kept for its user, and its
 * readable lines are put back in its place. One that cannot be moved is not given to JLine at all.
 */
final class LineHistoryFile {
    private static final Logger LOG = LoggerFactory.getLogger(LineHistoryFile.class);

    /**
     * What a start found. {@code use}: the file JLine reads and writes, empty when it must not
     * have one (the session's lines are then not kept); {@code movedTo}: where a damaged file went;
     * {@code problem}: what to tell the user when the file could not be used.
     */
    record Checked(Optional<Path> use, Optional<Path> movedTo, Optional<String> problem) {
        static Checked fine(Path file) {
            return new Checked(Optional.of(file), Optional.empty(), Optional.empty());
        }
    }

    private LineHistoryFile() {
    }

    static Checked check(Path file) {
        if (!Files.isRegularFile(file)) {
            return Checked.fine(file);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            // JLine says as much in the log and goes on without it.
            LOG.warn("cannot read the line history {}: {}", file, e.toString());
            return Checked.fine(file);
        }
        if (isUtf8(bytes, 0, bytes.length)) {
            return Checked.fine(file);
        }
        Path aside;
        try {
            aside = moveAside(file);
        } catch (IOException e) {
            // Left where it is, and not read: JLine would fail on it again.
            LOG.warn("the line history {} is damaged (not UTF-8) and cannot be moved aside: {}", file, e.toString());
            return new Checked(Optional.empty(), Optional.empty(), Optional.of("the line history " + file
                    + " is damaged and could not be moved aside: earlier lines are not offered (Up, Ctrl+R) this time, nor the"
                    + " lines typed now kept"));
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, readableLines(bytes));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("the line history {} was damaged (not UTF-8): moved to {}, its readable lines kept", file, aside);
        } catch (IOException e) {
            LOG.warn("the line history {} was damaged (not UTF-8): moved to {}; its readable lines could not be kept: {}",
                    file, aside, e.toString());
        }
        return new Checked(Optional.of(file), Optional.of(aside), Optional.empty());
    }

    private static Path moveAside(Path file) throws IOException {
        for (int n = 1; ; n++) {
            Path aside = file.resolveSibling(file.getFileName() + ".damaged" + (n == 1 ? "" : "." + n));
            try {
                // Not ATOMIC_MOVE: on Linux it replaces an earlier damaged file instead of failing.
                return Files.move(file, aside);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
        }
    }

    /** The lines that are UTF-8 whole; the others (the one cut off among them) dropped. */
    private static byte[] readableLines(byte[] bytes) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(bytes.length);
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (isUtf8(bytes, start, end - start)) {
                kept.write(bytes, start, end - start);
                kept.write('\n');
            }
            start = end + 1;
        }
        return kept.toByteArray();
    }

    private static boolean isUtf8(byte[] bytes, int offset, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
