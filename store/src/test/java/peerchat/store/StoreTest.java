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

    @Test
    void openingWithAListenerHandsItEveryCompleteEventInTheSamePass() {
        List<peerchat.store.event.Event> written = List.of(Fixtures.identity(ME, "me"),
                Fixtures.sent(ME, 1, Fixtures.text(Fixtures.group("all"), "hi"), java.util.Set.of(BOB), 1, 5),
                Fixtures.received(BOB, 1, Fixtures.text(Fixtures.group("all"), "yo"), 1, 6));
        try (Store store = Store.open(dir)) {
            store.appendAll(written).block(TIMEOUT);
        }
        List<peerchat.store.event.Event> replayed = new CopyOnWriteArrayList<>();
        try (Store store = Store.open(dir, logged -> replayed.add(logged.event()))) {
            assertThat(replayed).isEqualTo(written);
            store.append(Fixtures.seen(BOB, "bob")).block(TIMEOUT);
            assertThat(replayed).hasSize(3);
            assertThat(store.history().size()).isEqualTo(1);
        }
    }

    @Test
    void aSubscriberThatThrowsStopsNeitherAppendsNorProjections() {
        try (Store store = Store.open(dir)) {
            Disposable bad = store.events().subscribe(l -> {
                throw new IllegalStateException("a buggy UI");
            }, e -> { });
            try {
                for (int i = 1; i <= 5; i++) {
                    store.append(Fixtures.chat(ME, i, Fixtures.group("all"), "m" + i)).block(TIMEOUT);
                }
                assertThat(store.history().size()).isEqualTo(5);
            } finally {
                bad.dispose();
            }
        }
    }
}
