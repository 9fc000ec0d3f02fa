package peerchat.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * ngIRCd (Debian's package) run by the benchmark itself, not as a system service: its own config
 * in a temp dir, listening on 127.0.0.1 only, a free port, no per-IP connection limit and no flood
 * penalty, so that it is measured at full speed like our nodes.
 */
public final class Ngircd implements AutoCloseable {
    public static final String BINARY = "/usr/sbin/ngircd";
    private final Process process;
    public final int port;

    public Ngircd(Path dir) throws IOException, InterruptedException {
        port = freePort();
        Path conf = dir.resolve("ngircd.conf");
        Files.createDirectories(dir);
        Files.writeString(conf, String.join("\n",
                "[Global]",
                "Name = bench.peerchat.invalid",
                "Info = peerchat benchmark",
                "Listen = 127.0.0.1",
                "Ports = " + port,
                "PidFile = " + dir.resolve("ngircd.pid"),
                "MotdPhrase = bench",
                "[Limits]",
                "MaxConnections = 0",
                "MaxConnectionsIP = 0",
                "MaxJoins = 0",
                "MaxPenaltyTime = 0",
                "PingTimeout = 600",
                "PongTimeout = 600",
                "[Options]",
                "DNS = no",
                "Ident = no",
                "PAM = no",
                ""));
        process = new ProcessBuilder(BINARY, "--nodaemon", "--config", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("ngircd.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IOException("ngircd did not start: " + Files.readString(dir.resolve("ngircd.out")), e);
                }
                Thread.sleep(50);
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
