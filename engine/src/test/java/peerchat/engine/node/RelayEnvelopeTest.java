package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import peerchat.engine.identity.Identity;
import peerchat.store.event.NodeId;

class RelayEnvelopeTest {
    static final Identity ALICE = Identity.generate();
    static final NodeId BOB = new NodeId("b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0");
    static final byte[] BODY = {':', ')', '\n', 1, 2, 3, 4};

    @Test
    void aSealedCopyOpensToWhatWasSealedAndVerifiesAsItsSenders() throws Exception {
        byte[] sealed = RelayEnvelope.seal(ALICE, BOB, 42, BODY);
        assertThat(RelayEnvelope.isEnvelope(sealed)).isTrue();
        assertThat(RelayEnvelope.isEnvelope(BODY)).isFalse();
        RelayEnvelope opened = RelayEnvelope.open(sealed);
        assertThat(opened.forPeer()).isEqualTo(BOB);
        assertThat(opened.originSeq()).isEqualTo(42);
        assertThat(opened.body()).isEqualTo(BODY);
        assertThat(opened.origin()).isEqualTo(ALICE.id());
        assertThat(opened.verified()).isTrue();
    }

    @Test
    void anyChangeBreaksTheSignature() throws Exception {
        byte[] sealed = RelayEnvelope.seal(ALICE, BOB, 42, BODY);
        for (int i : new int[] {sealed.length - 1, sealed.length - 4}) {
            byte[] changed = sealed.clone();
            changed[i] ^= 1;
            assertThat(RelayEnvelope.open(changed).verified()).as("byte %d changed", i).isFalse();
        }
        RelayEnvelope opened = RelayEnvelope.open(sealed);
        assertThat(new RelayEnvelope(BOB, 43, opened.publicKey(), opened.signature(), opened.body()).verified()).isFalse();
        assertThat(new RelayEnvelope(new NodeId("c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0"), 42, opened.publicKey(), opened.signature(),
                opened.body()).verified()).isFalse();
        Identity mallory = Identity.generate();
        assertThat(new RelayEnvelope(BOB, 42, mallory.publicKey(), opened.signature(), opened.body()).verified()).isFalse();
    }

    @Test
    void truncatedOrForeignBytesAreMalformedNotACrash() {
        byte[] sealed = RelayEnvelope.seal(ALICE, BOB, 42, BODY);
        for (int cut : new int[] {1, 2, 3, 20, 40, 60}) {
            assertThatThrownBy(() -> RelayEnvelope.open(Arrays.copyOf(sealed, cut))).isInstanceOf(WireCodec.MalformedBody.class);
        }
        byte[] otherVersion = sealed.clone();
        otherVersion[1] = 9;
        assertThatThrownBy(() -> RelayEnvelope.open(otherVersion)).isInstanceOf(WireCodec.MalformedBody.class).hasMessageContaining("version 9");
        byte[] badId = sealed.clone();
        badId[3] = 'z';
        assertThatThrownBy(() -> RelayEnvelope.open(badId)).isInstanceOf(WireCodec.MalformedBody.class);
        assertThatThrownBy(() -> RelayEnvelope.open(new byte[] {'R'})).isInstanceOf(WireCodec.MalformedBody.class);
    }

    @Test
    void aBundleCarriesItsEnvelopesAndItsOwnBody() throws Exception {
        byte[] one = RelayEnvelope.seal(ALICE, BOB, 1, BODY);
        byte[] two = RelayEnvelope.seal(ALICE, BOB, 2, new byte[0]);
        byte[] wrapped = CustodyBundle.wrap(List.of(one, two), BODY);
        assertThat(CustodyBundle.isBundle(wrapped)).isTrue();
        CustodyBundle back = CustodyBundle.unwrap(wrapped);
        assertThat(back.envelopes()).containsExactly(one, two);
        assertThat(back.body()).isEqualTo(BODY);
        assertThat(CustodyBundle.unwrap(CustodyBundle.wrap(List.of(), BODY)).envelopes()).isEmpty();
    }

    @Test
    void aBundleThatLiesAboutItsLengthsIsMalformed() {
        byte[] wrapped = CustodyBundle.wrap(List.of(RelayEnvelope.seal(ALICE, BOB, 1, BODY)), BODY);
        for (int cut : new int[] {1, 3, 6, 30}) {
            assertThatThrownBy(() -> CustodyBundle.unwrap(Arrays.copyOf(wrapped, cut))).isInstanceOf(WireCodec.MalformedBody.class);
        }
        byte[] huge = wrapped.clone();
        huge[4] = 0x7f; // the first envelope's length, far past the end
        assertThatThrownBy(() -> CustodyBundle.unwrap(huge)).isInstanceOf(WireCodec.MalformedBody.class);
        byte[] negative = wrapped.clone();
        negative[4] = (byte) 0x80;
        assertThatThrownBy(() -> CustodyBundle.unwrap(negative)).isInstanceOf(WireCodec.MalformedBody.class);
    }
}
