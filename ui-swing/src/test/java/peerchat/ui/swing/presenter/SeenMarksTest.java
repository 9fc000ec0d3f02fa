package peerchat.ui.swing.presenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import peerchat.engine.api.Conversation;
import peerchat.store.event.GroupName;

class SeenMarksTest {
    private static final Conversation ALL = Conversation.all();
    private static final Conversation DEV = new Conversation.Group(new GroupName("dev"));
    private final AtomicInteger changes = new AtomicInteger();

    @Test
    void onAFirstRunEverythingInTheLogIsSeenAndMarksOnlyMoveForward() {
        SeenMarks marks = new SeenMarks(ReadMarks.NONE, changes::incrementAndGet);
        marks.start(41);
        assertThat(marks.of(DEV)).isEqualTo(41);

        marks.seenUpTo(ALL, 45);
        marks.seenUpTo(ALL, 43);
        assertThat(marks.of(ALL)).isEqualTo(45);
        marks.known(50);
        assertThat(marks.readMarks()).isEqualTo(new ReadMarks(Map.of("#all", 45L), OptionalLong.of(50)));
        assertThat(changes).hasValue(2);
    }

    @Test
    void laterAConversationWithoutAMarkCountsFromTheLastEndAndKeepsItOnceMet() {
        SeenMarks marks = new SeenMarks(new ReadMarks(Map.of("#all", 30L), OptionalLong.of(35)), changes::incrementAndGet);
        assertThat(marks.readMarks()).as("not started: what was kept").isEqualTo(new ReadMarks(Map.of("#all", 30L), OptionalLong.of(35)));
        marks.start(60);
        assertThat(marks.of(DEV)).isEqualTo(35);
        assertThat(marks.oldest()).isEqualTo(30);

        marks.met(DEV);
        marks.known(70);
        assertThat(marks.readMarks().seen()).containsEntry("#dev", 35L);
        assertThat(marks.readMarks().end()).hasValue(70);
        assertThat(changes).hasValue(1);
    }
}
