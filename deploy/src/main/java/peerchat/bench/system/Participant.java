package peerchat.bench.system;

/**
 * One chat user in a workload: ours (a node process) or theirs (an IRC client). Lines it receives
 * from others are reported to the {@link Tracker} with the time they were read.
 */
public interface Participant extends AutoCloseable {
    /** Sends {@code text} to the shared group/channel; returns once it is written. */
    void send(String text);

    /** Writes many lines in one go (a flood), as fast as the transport takes them. */
    void sendAll(java.util.List<String> texts);

    @Override
    void close();
}
