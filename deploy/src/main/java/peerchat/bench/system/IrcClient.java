package peerchat.bench.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A minimal IRC client on a plain socket (RFC 2812): registers, joins one channel, answers PING,
 * and reports every channel PRIVMSG from someone else to the {@link Tracker}.
 */
public final class IrcClient implements Participant {
    private final Socket socket;
    private final OutputStream out;
    private final String channel;
    private final Tracker tracker;
    private final CompletableFuture<Void> joined = new CompletableFuture<>();

    public IrcClient(int port, String nick, String channel, Tracker tracker) {
        this.channel = channel;
        this.tracker = tracker;
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread reader = new Thread(this::read, "irc-" + nick);
        reader.setDaemon(true);
        reader.start();
        write("NICK " + nick + "\r\nUSER " + nick + " 0 * :bench\r\nJOIN " + channel + "\r\n");
        try {
            joined.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException(nick + " could not join " + channel + ": " + e.getMessage(), e);
        }
    }

    private void read() {
        String privmsg = " PRIVMSG " + channel + " :";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                long now = System.nanoTime();
                int at = line.indexOf(privmsg);
                if (at > 0 && line.startsWith(":")) {
                    tracker.arrived(line.substring(at + privmsg.length()), now);
                } else if (line.startsWith("PING")) {
                    write("PONG" + line.substring(4) + "\r\n");
                } else if (line.contains(" 366 ")) {
                    joined.complete(null);
                } else if (line.startsWith("ERROR")) {
                    joined.completeExceptionally(new IllegalStateException(line));
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void send(String text) {
        write("PRIVMSG " + channel + " :" + text + "\r\n");
    }

    @Override
    public void sendAll(List<String> texts) {
        StringBuilder b = new StringBuilder();
        for (String t : texts) {
            b.append("PRIVMSG ").append(channel).append(" :").append(t).append("\r\n");
        }
        write(b.toString());
    }

    private void write(String s) {
        try {
            synchronized (out) {
                out.write(s.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            write("QUIT :done\r\n");
        } catch (UncheckedIOException ignored) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
