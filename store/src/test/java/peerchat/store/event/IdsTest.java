package peerchat.store.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void aNodeIdIs8To64LowercaseHexDigits() {
        assertThat(new NodeId("0123456789abcdef").shortForm()).isEqualTo("01234567");
        assertThat(new NodeId("a".repeat(64)).value()).hasSize(64);
        for (String bad : new String[] {"", "abcdef1", "a".repeat(65), "ABCDEF12", "abcdefg1", "abcd ef12", "abcdef1/"}) {
            assertThatThrownBy(() -> new NodeId(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a node id");
        }
    }

    @Test
    void ofSharesOneInstancePerIdAndChecksLikeTheConstructor() {
        String text = "0123456789abcdef0123456789abcdef";
        NodeId first = NodeId.of(new String(text.toCharArray()));
        assertThat(NodeId.of(new String(text.toCharArray()))).isSameAs(first).isEqualTo(new NodeId(text));
        assertThat(new NodeId(text)).isEqualTo(first).hasSameHashCodeAs(first);
        // Texts that collide in the cache still get their own id.
        for (int i = 0; i < 5000; i++) {
            String hex = String.format("%016x", i * 0x9E3779B97F4A7C15L);
            assertThat(NodeId.of(hex).value()).isEqualTo(hex);
        }
        assertThat(NodeId.of(text).value()).isEqualTo(text);
        for (String bad : new String[] {"", "abcdef1", "ABCDEF12"}) {
            assertThatThrownBy(() -> NodeId.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aGroupNameIsCaseInsensitiveAndHasALimitedForm() {
        assertThat(new GroupName("Team-2_b")).isEqualTo(new GroupName("team-2_b"));
        assertThat(new GroupName("9lives").value()).isEqualTo("9lives");
        assertThat(new GroupName("x".repeat(32)).value()).hasSize(32);
        assertThat(GroupName.ALL.isAll()).isTrue();
        for (String bad : new String[] {"", "-team", "_team", "te am", "x".repeat(33), "tëam", "#team"}) {
            assertThat(GroupName.isValid(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> new GroupName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(GroupName.isValid(null)).isFalse();
        assertThat(GroupName.isValid("OK")).isTrue();
    }

    @Test
    void aMessageIdReadsBackFromItsText() {
        MessageId id = new MessageId(new NodeId("0123456789abcdef"), 42);
        assertThat(MessageId.parse(id.text())).isEqualTo(id);
        assertThatThrownBy(() -> MessageId.parse("nodash")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageId(id.sender(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
