package peerchat.engine.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory is its user's alone (rwx------), as ~/.ssh is: it holds the identity's key
 * and the log, every message in plain text, direct ones too. Made with the usual umask it was
 * open to every local user (755; the queue files 644): QA read a direct message as {@code nobody}
 * (stop 30). Group and other permissions are taken off an existing one too, with a line in the log;
 * where the file system has no POSIX permissions nothing is done.
 */
final class PrivateDataDir {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateDataDir.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateDataDir() {
    }

    static void keep(Path dataDir) {
        PosixFileAttributeView view = Files.getFileAttributeView(dataDir, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            Set<PosixFilePermission> now = view.readAttributes().permissions();
            Set<PosixFilePermission> mine = EnumSet.copyOf(now);
            mine.removeAll(OTHERS);
            if (!mine.equals(now)) {
                view.setPermissions(mine);
                LOG.info("the data directory {} is its user's alone now (it was open to others: {})", dataDir,
                        java.nio.file.attribute.PosixFilePermissions.toString(now));
            }
        } catch (IOException | SecurityException e) {
            LOG.warn("cannot make the data directory {} its user's alone: {}", dataDir, e.toString());
        }
    }
}
