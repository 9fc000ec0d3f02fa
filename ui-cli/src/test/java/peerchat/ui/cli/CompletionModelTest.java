package peerchat.ui.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import peerchat.engine.api.Commands;

class CompletionModelTest {
    private static final List<String> USERS = List.of("bob", "beatrice", "Carol");
    private static final List<String> IGNORED = List.of("beatrice");
    private static final List<String> GROUPS = List.of("all", "games", "gardening");

    /** Completes the last word of {@code line} (a trailing space starts a new, empty word). */
    private static List<String> complete(String line) {
        List<String> words = new java.util.ArrayList<>(Arrays.asList(line.trim().split("\\s+", -1)));
        if (line.endsWith(" ")) {
            words.add("");
        }
        return CompletionModel.candidates(words, words.size() - 1, USERS, IGNORED, GROUPS);
    }

    @Test
    void usersAfterAt() {
        assertThat(complete("@b")).containsExactly("@bob", "@beatrice");
        assertThat(complete("@bo")).containsExactly("@bob");
        assertThat(complete("@c")).containsExactly("@Carol");
        assertThat(complete("hi @be")).containsExactly("@beatrice");
    }

    @Test
    void groupsAfterHash() {
        assertThat(complete("#ga")).containsExactly("#games", "#gardening");
        assertThat(complete("look at #al")).containsExactly("#all");
    }

    @Test
    void commandsAtTheStartOfALine() {
        assertThat(complete("-lea")).containsExactly("-leavegroup");
        assertThat(complete("/jo")).containsExactly("/join");
        assertThat(complete("-")).hasSize((int) Commands.ALL.stream().flatMap(c -> c.spellings().stream()).filter(s -> s.startsWith("-")).count());
        assertThat(complete("say -lea")).isEmpty();
    }

    @Test
    void aCommandsArgumentByItsKind() {
        assertThat(complete("/join ga")).containsExactly("games", "gardening");
        assertThat(complete("-members ")).containsExactly("all", "games", "gardening");
        assertThat(complete("/open ")).containsExactly("#all", "#games", "#gardening", "@bob", "@beatrice", "@Carol");
        assertThat(complete("/open @")).containsExactly("@bob", "@beatrice", "@Carol");
        assertThat(complete("-history #g")).containsExactly("#games", "#gardening");
        assertThat(complete("-finduser b")).isEmpty();
    }

    @Test
    void onlyWhatTheCommandCanTake() {
        assertThat(complete("/join ")).as("everyone is in all").containsExactly("games", "gardening");
        assertThat(complete("-joingroup #")).containsExactly("#games", "#gardening");
        assertThat(complete("/leave ")).containsExactly("all", "games", "gardening");
        assertThat(complete("/unignore ")).as("only whom you ignore").containsExactly("beatrice");
        assertThat(complete("-unignore @")).containsExactly("@beatrice");
        assertThat(complete("/ignore ")).as("only whom you do not ignore yet").containsExactly("bob", "Carol");
        assertThat(complete("-ignore @")).containsExactly("@bob", "@Carol");
        assertThat(complete("-ignore @be")).isEmpty();
    }

    @Test
    void plainTextCompletesToNothing() {
        assertThat(complete("hello")).isEmpty();
        assertThat(complete("")).isEmpty();
    }
}
