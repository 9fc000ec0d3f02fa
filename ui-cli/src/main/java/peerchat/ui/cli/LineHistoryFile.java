package peerchat.ui.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed-line history file, checked before JLine reads it: one it cannot read (a character cut
 * off by a crash or a full disk) stopped the terminal with {@code MalformedInputException} after
 * the node had started (QA, stop 30). Such a file is moved aside ({@code history.damaged}), kept
 * for its user, and the session starts with an empty history.
 */
final class LineHistoryFile {
    private static final Logger LOG = LoggerFactory.getLogger(LineHistoryFile.class);

    private LineHistoryFile() {
    }

    /** What the user should be told, if the file was damaged and moved aside. */
    static Optional<String> check(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)));
            return Optional.empty();
        } catch (CharacterCodingException damaged) {
            Path aside = file.resolveSibling(file.getFileName() + ".damaged");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                LOG.warn("the line history {} is damaged ({}) and cannot be moved aside: {}", file, damaged, e.toString());
                return Optional.of("the line history " + file + " is damaged and could not be moved aside: earlier lines are not"
                        + " offered (Up, Ctrl+R) this time");
            }
            LOG.warn("the line history {} is damaged ({}): moved to {}, starting with none", file, damaged, aside);
            return Optional.of("the line history was damaged (not UTF-8): it is kept in " + aside + ", and the lines you type"
                    + " from now on make a new one");
        } catch (IOException e) {
            LOG.warn("cannot read the line history {}: {}", file, e.toString());
            return Optional.empty();
        }
    }
}
