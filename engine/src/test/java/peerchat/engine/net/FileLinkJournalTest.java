package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.event.NodeId;

class FileLinkJournalTest implements LinkJournalContract {
    @TempDir
    Path dir;
    private FileLinkJournal open;

    @Override
    public LinkJournal journal() {
        open = new FileLinkJournal(dir);
        return open;
    }

    @Override
    public Outbound recordSend(LinkJournal journal, NodeId to, byte[] body, long notBefore) {
        return ((FileLinkJournal) journal).recordSend(to, body, notBefore);
    }

    @Override
    public LinkJournal reopen(LinkJournal journal) {
        try {
            ((FileLinkJournal) journal).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        open = new FileLinkJournal(dir);
        return open;
    }

    @AfterEach
    void closeIt() throws IOException {
        open.close();
    }

    @Test
    void aTornLastRecordIsDroppedAndTheRestKept() throws IOException {
        FileLinkJournal j = (FileLinkJournal) journal();
        j.receive(A, 1, "one".getBytes(StandardCharsets.UTF_8)).block();
        j.close();
        Files.writeString(dir.resolve("links.journal"), "R " + A + " 2 dHdv", StandardOpenOption.APPEND);
        FileLinkJournal r = (FileLinkJournal) reopen(j);
        assertThat(r.receivedFrom(A).contiguousUpTo()).isEqualTo(1);
        r.receive(A, 2, "two".getBytes(StandardCharsets.UTF_8)).block();
        FileLinkJournal again = (FileLinkJournal) reopen(r);
        assertThat(again.received(A)).extracting(InMemoryLinkJournal.Received::linkSeq).containsExactly(1L, 2L);
    }
}
