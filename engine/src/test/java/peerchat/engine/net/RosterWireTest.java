package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import peerchat.store.event.GroupName;
import peerchat.store.event.GroupStamp;
import peerchat.store.event.NodeId;
import peerchat.store.projection.KnownUser;

class RosterWireTest {
    private static final String ID = "0123456789abcdef0123456789abcdef";

    private static NodeId id(int i) {
        return new NodeId(String.format("%032x", i + 1));
    }

    private static List<GroupStamp> stamps(int n) {
        return IntStream.range(0, n).mapToObj(i -> new GroupStamp(new GroupName("g" + i), i + 1, i % 2 == 0)).collect(Collectors.toList());
    }

    @Test
    void whatIsWrittenIsReadBack() {
        List<KnownUser> roster = List.of(new KnownUser(id(1), "bob", 1_796_000_000_000L, stamps(3)), new KnownUser(id(2), null, 1_796_000_000_000L, List.of()));
        assertThat(RosterWire.read(RosterWire.write(roster))).isEqualTo(roster);
        assertThat(RosterWire.read(null)).isEmpty();
    }

    @Test
    void aRosterIsCutToFitAFrame() {
        List<KnownUser> many = new ArrayList<>();
        for (int i = 0; i < RosterWire.MAX_USERS + 5; i++) {
            many.add(new KnownUser(id(i), "u" + i, 1_796_000_000_000L, stamps(i < 20 ? RosterWire.MAX_STAMPS_EACH + 1 : 1)));
        }
        List<Frame.Known> written = RosterWire.write(many);
        assertThat(written).hasSize(RosterWire.MAX_USERS);
        assertThat(written.get(0).groups()).hasSize(RosterWire.MAX_STAMPS_EACH);
        assertThat(written.stream().mapToInt(k -> k.groups().size()).sum()).isEqualTo(RosterWire.MAX_STAMPS);
        assertThat(RosterWire.read(written)).hasSize(RosterWire.MAX_USERS);
    }

    @Test
    void badRostersAreRefusedWithTheReason() {
        assertRefused(List.of(new Frame.Known("not hex!", "bob", 0, List.of())), "malformed node id");
        assertRefused(List.of(new Frame.Known(ID, "b".repeat(WireConstants.MAX_NAME_CHARS + 1), 0, List.of())), "overlong display name");
        assertRefused(List.of(new Frame.Known(ID, "bob", 0, List.of(new Frame.Stamp("all", 3, true)))), "malformed group stamp");
        assertRefused(List.of(new Frame.Known(ID, "bob", 0, List.of(new Frame.Stamp("dev", 0, true)))), "malformed group stamp");
        assertRefused(List.of(new Frame.Known(ID, "bob", 0, Collections.singletonList(null))), "malformed group stamp");
        assertRefused(Collections.singletonList(null), "null entry in a roster");
        assertRefused(List.of(new Frame.Known(ID, "bob", -1, List.of())), "seen at -1");
        assertRefused(List.of(new Frame.Known(ID, "bob", 0, null)), "null entry in a roster");
        assertRefused(Collections.nCopies(RosterWire.MAX_USERS_TAKEN + 1, new Frame.Known(ID, "bob", 0, List.of())), "flooding");
        List<Frame.Stamp> lots = IntStream.range(0, RosterWire.MAX_STAMPS_TAKEN / 2 + 1).mapToObj(i -> new Frame.Stamp("g" + i, 1, true))
                .collect(Collectors.toList());
        assertRefused(List.of(new Frame.Known(ID, "a", 0, lots), new Frame.Known(ID, "b", 0, lots)), "flooding");
    }

    private static void assertRefused(List<Frame.Known> roster, String reason) {
        assertThatThrownBy(() -> RosterWire.read(roster)).isInstanceOf(ProtocolException.class).hasMessageContaining(reason);
    }
}
