package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import peerchat.store.event.Dependency;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;

class WireCodecTest {
    static final NodeId A = new NodeId("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    static final NodeId B = new NodeId("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    static final NodeId C = new NodeId("cccccccccccccccccccccccccccccccc");
    final WireCodec codec = new WireCodec();

    private static Event.MessageSent sent(Payload payload) {
        return new Event.MessageSent(new MessageId(A, 7), Set.of(B, C),
                Map.of(B, List.of(new Dependency(A, 6, Set.of(B)), new Dependency(C, 3, Set.of(B, C))), C, List.of()),
                Map.of(B, 4L, C, 2L), payload, 1234, 1300);
    }

    @Test
    void eachDestinationGetsItsOwnMetadata() throws Exception {
        Event.MessageSent s = sent(new Payload.Chat(new Target.Group(new GroupName("dev")), "hello"));
        WireCodec.Decoded atB = codec.decode(codec.encode(s, B));
        assertThat(atB.message().id()).isEqualTo(s.id());
        assertThat(atB.message().dests()).isEqualTo(Set.of(B, C));
        assertThat(atB.message().meta()).containsExactlyInAnyOrderElementsOf(s.meta().get(B));
        assertThat(atB.message().payload()).isEqualTo(s.payload());
        assertThat(atB.sentAt()).isEqualTo(1234);
        assertThat(codec.decode(codec.encode(s, C)).message().meta()).isEmpty();
        assertThatThrownBy(() -> codec.encode(s, new NodeId("dddddddddddddddddddddddddddddddd"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void membershipAndDirectPayloadsRoundTrip() throws Exception {
        for (Payload p : List.of(new Payload.Membership(new GroupName("ops"), Payload.Change.LEAVE),
                new Payload.Chat(new Target.User(B), "just you"))) {
            assertThat(codec.decode(codec.encode(sent(p), B)).message().payload()).isEqualTo(p);
        }
    }

    @Test
    void garbageIsAClearErrorNeverACrash() {
        Random random = new Random(7);
        byte[] good = codec.encode(sent(new Payload.Chat(new Target.Group(GroupName.ALL), "x")), B);
        for (int i = 0; i < 2000; i++) {
            byte[] bad = good.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            try {
                codec.decode(bad);
            } catch (WireCodec.MalformedBody expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3})).isInstanceOf(WireCodec.MalformedBody.class);
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(WireCodec.MalformedBody.class);
    }

    @Test
    void overlongTextFromAPeerIsRefused() {
        Event.MessageSent s = sent(new Payload.Chat(new Target.Group(GroupName.ALL), "x".repeat(Payload.MAX_TEXT_LENGTH + 1)));
        assertThatThrownBy(() -> codec.decode(codec.encode(s, B))).isInstanceOf(WireCodec.MalformedBody.class)
                .hasMessageContaining("characters");
    }
}
