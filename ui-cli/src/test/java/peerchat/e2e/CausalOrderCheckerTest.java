package peerchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import peerchat.e2e.CausalOrderChecker.Shown;

/** The checker must be able to fail: a reply shown before its question is caught. */
class CausalOrderCheckerTest {

    @Test
    void aCausalRunPasses() {
        var out = Map.of(
                "a", List.of(new Shown("a", "a1", "a"), new Shown("a", "b1", "b")),
                "b", List.of(new Shown("b", "a1", "a"), new Shown("b", "b1", "b")),
                "c", List.of(new Shown("c", "a1", "a"), new Shown("c", "b1", "b")));
        assertThat(CausalOrderChecker.violations(out)).isEmpty();
    }

    @Test
    void aReplyBeforeItsQuestionIsCaught() {
        var out = Map.of(
                "a", List.of(new Shown("a", "a1", "a"), new Shown("a", "b1", "b")),
                "b", List.of(new Shown("b", "a1", "a"), new Shown("b", "b1", "b")),
                "c", List.of(new Shown("c", "b1", "b"), new Shown("c", "a1", "a")));
        assertThat(CausalOrderChecker.violations(out)).singleElement().asString().contains("c showed b1 before a1");
    }

    @Test
    void transitiveDependenciesCount() {
        // a1 -> b1 (b saw a1) -> c1 (c saw b1); d shows c1 before a1
        var out = Map.of(
                "a", List.of(new Shown("a", "a1", "a")),
                "b", List.of(new Shown("b", "a1", "a"), new Shown("b", "b1", "b")),
                "c", List.of(new Shown("c", "b1", "b"), new Shown("c", "c1", "c")),
                "d", List.of(new Shown("d", "c1", "c"), new Shown("d", "a1", "a")));
        assertThat(CausalOrderChecker.violations(out)).anyMatch(v -> v.contains("d showed c1 before a1"));
    }

    @Test
    void duplicatesAndPhantomsAreCaught() {
        var out = Map.of(
                "a", List.of(new Shown("a", "a1", "a")),
                "b", List.of(new Shown("b", "a1", "a"), new Shown("b", "a1", "a"), new Shown("b", "x9", "x")));
        assertThat(CausalOrderChecker.violations(out)).anyMatch(v -> v.contains("twice")).anyMatch(v -> v.contains("nobody sent"));
    }

    @Test
    void concurrentMessagesMayComeInAnyOrder() {
        var out = Map.of(
                "a", List.of(new Shown("a", "a1", "a"), new Shown("a", "b1", "b")),
                "b", List.of(new Shown("b", "b1", "b"), new Shown("b", "a1", "a")),
                "c", List.of(new Shown("c", "b1", "b"), new Shown("c", "a1", "a")));
        assertThat(CausalOrderChecker.violations(out)).isEmpty();
    }
}
