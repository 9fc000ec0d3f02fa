package peerchat.engine.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {
    @TempDir
    Path dir;

    @Test
    void sameDataDirectoryGivesTheSameIdentity() {
        Identity first = Identity.loadOrCreate(dir);
        Identity again = Identity.loadOrCreate(dir);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.publicKey()).isEqualTo(first.publicKey());
        assertThat(Identity.loadOrCreate(dir.resolve("other")).id()).isNotEqualTo(first.id());
    }

    @Test
    void keyFileIsReadableByTheOwnerOnly() throws Exception {
        Identity.loadOrCreate(dir);
        assertThat(Files.getPosixFilePermissions(dir.resolve(Identity.KEY_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void idIsDerivedFromThePublicKey() {
        Identity id = Identity.loadOrCreate(dir);
        assertThat(Identity.idOf(id.publicKey())).isEqualTo(id.id());
        assertThat(id.id().value()).hasSize(32).matches("[0-9a-f]+");
    }

    @Test
    void signaturesVerifyOnlyForTheSignerAndTheSignedBytes() {
        Identity a = Identity.generate();
        Identity b = Identity.generate();
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] sig = a.sign(data);
        assertThat(Identity.verify(a.publicKey(), data, sig)).isTrue();
        assertThat(Identity.verify(b.publicKey(), data, sig)).isFalse();
        assertThat(Identity.verify(a.publicKey(), "hellO".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
        assertThat(Identity.verify(new byte[] {1, 2, 3}, data, sig)).isFalse();
        assertThat(Identity.verify(a.publicKey(), data, new byte[5])).isFalse();
    }

    @Test
    void aDamagedKeyFileIsAnErrorNotANewIdentity() throws Exception {
        Identity.loadOrCreate(dir);
        Path file = dir.resolve(Identity.KEY_FILE);
        String text = Files.readString(file).replaceAll("private=.*", "private=AAAA");
        Files.writeString(file, text);
        assertThatThrownBy(() -> Identity.loadOrCreate(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void aKeyFileThatIsNotTextSaysSoAndIsLeftAsItIs() throws Exception {
        Path file = dir.resolve(Identity.KEY_FILE);
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, 0x28, 1, 2, 3};
        Files.write(file, garbage);
        assertThatThrownBy(() -> Identity.loadOrCreate(dir))
                .hasMessage("the identity key " + file + " is damaged (not the text of a key file); it is left as it is:"
                        + " this node's identity is that key (restore it, or move it away to start as a new identity)");
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }
}
