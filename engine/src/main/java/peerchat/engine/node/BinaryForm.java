package peerchat.engine.node;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writing the small fixed binary forms of the relay ({@link RelayEnvelope}, {@link CustodyBundle}). */
final class BinaryForm {
    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private BinaryForm() {
    }

    static byte[] write(int sizeHint, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(sizeHint);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }
}
