package peerchat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static peerchat.store.Fixtures.BOB;
import static peerchat.store.Fixtures.ME;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import peerchat.store.event.GroupName;
import peerchat.store.projection.Conversation;

class StoreTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void whenAnAppendCompletesTheProjectionsAlreadyShowIt() {
        try (Store store = Store.open(dir)) {
            for (int i = 1; i <= 200; i++) {
                store.append(Fixtures.chat(ME, i, Fixtures.group("all"), "m" + i)).block(TIMEOUT);
                assertThat(store.history().size(new Conversation.Group(GroupName.ALL))).isEqualTo(i);
            }
        }
    }

    @Test
    void subscribersOfEventsSeeProjectionsThatAlreadyIncludeTheEvent() {
        try (Store store = Store.open(dir)) {
            List<Boolean> knownWhenSeen = new CopyOnWriteArrayList<>();
            Disposable sub = store.events().subscribe(l -> knownWhenSeen.add(store.membership().user(BOB).isPresent()));
            try {
                store.append(Fixtures.seen(BOB, "bob")).block(TIMEOUT);
                org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> knownWhenSeen.size() == 1);
                assertThat(knownWhenSeen).containsExactly(true);
            } finally {
                sub.dispose();
            }
        }
    }

    @Test
    void aNewDirectoryOpensEmptyAndTheSameDirectoryReopens() {
        Path nested = dir.resolve("a/b/c");
        try (Store store = Store.open(nested)) {
            assertThat(store.log().lastIndex()).isEqualTo(-1);
            assertThat(store.membership().self()).isEmpty();
            store.append(Fixtures.identity(ME, "me")).block(TIMEOUT);
        }
        try (Store store = Store.open(nested)) {
            assertThat(store.membership().self()).contains(ME);
        }
    }
}
