package peerchat.engine.net;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.store.event.NodeId;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Schedulers;

/**
 * The sending half of one connection: a bounded buffer of live sends, and catch-up from the
 * journal whenever the buffer could not hold everything (the link is new, it overflowed, a seq is
 * missing), paced by the socket's writability so a slow peer never piles up memory.
 *
 * <p>Threading: {@link #offer} from any thread; everything else runs on the channel's event loop.
 */
final class LinkSender {
    private static final Logger log = LoggerFactory.getLogger(LinkSender.class);

    private final TcpPeerLinks links;
    private final Channel ch;
    private final EventLoop loop;
    private final BooleanSupplier open;
    private final Consumer<String> fail;
    private final ArrayBlockingQueue<Outbound> queue;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private volatile long lastSent;

    // Event loop only.
    private NodeId peer;
    private boolean ready;
    private long highestHandled;
    private boolean catchingUp;
    private CatchUp catchUp;
    private boolean flushScheduled;
    private Runnable whenDrained;

    /**
     * @param open whether the connection is established and not closing
     * @param fail closes the connection with a reason
     */
    LinkSender(TcpPeerLinks links, Channel ch, BooleanSupplier open, Consumer<String> fail) {
        this.links = links;
        this.ch = ch;
        this.loop = ch.eventLoop();
        this.open = open;
        this.fail = fail;
        this.queue = new ArrayBlockingQueue<>(links.config().outboundBufferMessages());
    }

    /** Sending starts, from what the peer says it has (its PROOF's {@code receivedUpTo}). */
    void start(NodeId to, long peerHasUpTo) {
        loop.execute(() -> {
            peer = to;
            highestHandled = peerHasUpTo;
            ready = true;
            startCatchUp();
        });
    }

    /** Into the bounded buffer, or (full) left to the journal. Any thread. */
    void offer(Outbound o) {
        if (!queue.offer(o)) {
            overflowed.set(true);
        }
        if (loop.inEventLoop()) {
            drain(); // the node's own thread: written now, in this turn
        } else if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(this::drain);
        }
    }

    long lastSent() {
        return lastSent;
    }

    private void drain() {
        drainScheduled.set(false);
        if (!ready || !open.getAsBoolean() || catchingUp) {
            return;
        }
        while (ch.isWritable()) {
            Outbound o = queue.poll();
            if (o == null) {
                break;
            }
            if (o.linkSeq() <= highestHandled) {
                continue;
            }
            if (o.linkSeq() != highestHandled + 1) {
                // Something between was dropped (buffer overflow, or sent before this link): the
                // journal has it all, this one included.
                startCatchUp();
                return;
            }
            transmit(o);
        }
        if (queue.isEmpty() && overflowed.get()) {
            startCatchUp();
        }
        checkDrained();
    }

    /**
     * Runs {@code then} on the loop once everything sent to this peer so far is written (none
     * left in the buffer or the journal's catch-up), or once the peer has taken nothing for
     * {@code stallMillis}, or after {@code maxMillis} in all, whichever comes first: a node
     * shutting down lets a burst its user just sent go out first, as long as the peer keeps
     * reading. Once only: a second call while one waits is ignored.
     */
    void afterDrained(Runnable then, long stallMillis, long maxMillis) {
        loop.execute(() -> {
            if (whenDrained != null) {
                return;
            }
            whenDrained = then;
            long giveUpAt = links.now() + maxMillis;
            checkDrained();
            loop.schedule(() -> watchDrain(highestHandled, giveUpAt, stallMillis), stallMillis, TimeUnit.MILLISECONDS);
        });
    }

    private void watchDrain(long handledBefore, long giveUpAt, long stallMillis) {
        if (whenDrained == null) {
            return;
        }
        if (highestHandled == handledBefore || links.now() >= giveUpAt) {
            log.debug("{} stops waiting for {} to take what was sent: {} written", links.selfId().shortForm(), peer, highestHandled);
            runWhenDrained();
            return;
        }
        long handled = highestHandled;
        loop.schedule(() -> watchDrain(handled, giveUpAt, stallMillis), stallMillis, TimeUnit.MILLISECONDS);
    }

    private void checkDrained() {
        if (whenDrained != null && (!ready || !open.getAsBoolean() || queue.isEmpty() && !catchingUp && !overflowed.get())) {
            runWhenDrained();
        }
    }

    private void runWhenDrained() {
        Runnable then = whenDrained;
        whenDrained = null;
        if (then != null) {
            then.run();
        }
    }

    /** Writability came back: carry on where the buffer or the catch-up stopped. */
    void onWritable() {
        if (!ch.isWritable()) {
            return;
        }
        if (catchingUp && catchUp != null) {
            catchUp.resume();
        } else {
            drain();
        }
    }

    private void startCatchUp() {
        if (!ready || catchingUp || !open.getAsBoolean()) {
            return;
        }
        catchingUp = true;
        overflowed.set(false);
        catchUp = new CatchUp();
        links.journal().unacked(peer, highestHandled)
                .publishOn(Schedulers.fromExecutor(loop), 64)
                .subscribe(catchUp);
    }

    /** Streams the journal's unacked messages at the pace the socket takes them. */
    private final class CatchUp extends BaseSubscriber<Outbound> {
        private boolean waiting;

        @Override
        protected void hookOnSubscribe(Subscription s) {
            request(1);
        }

        @Override
        protected void hookOnNext(Outbound o) {
            if (!open.getAsBoolean()) {
                dispose();
                return;
            }
            if (o.linkSeq() > highestHandled) {
                transmit(o);
            }
            if (ch.isWritable()) {
                request(1);
            } else {
                waiting = true;
            }
        }

        void resume() {
            if (waiting) {
                waiting = false;
                request(1);
            }
        }

        @Override
        protected void hookOnComplete() {
            catchingUp = false;
            catchUp = null;
            drain();
        }

        @Override
        protected void hookOnError(Throwable e) {
            catchingUp = false;
            fail.accept("reading unacked messages from the journal failed: " + e);
            checkDrained();
        }
    }

    private void transmit(Outbound o) {
        highestHandled = o.linkSeq();
        long wait = o.notBeforeMillis() - links.wallNow();
        Frame.Data frame = new Frame.Data(o.linkSeq(), o.body());
        if (wait > 0) {
            // Held back (-delay); if the link dies first, the journal still has it and the next
            // link resends it, no earlier than notBefore either.
            loop.schedule(() -> {
                if (open.getAsBoolean()) {
                    writeNow(frame);
                }
            }, wait, TimeUnit.MILLISECONDS);
        } else {
            writeNow(frame);
        }
    }

    /** Any frame, from any thread: written on the loop, in call order. */
    void write(Frame f) {
        if (loop.inEventLoop()) {
            writeNow(f);
        } else {
            loop.execute(() -> writeNow(f));
        }
    }

    private void writeNow(Frame f) {
        if (!ch.isActive()) {
            return;
        }
        if (log.isTraceEnabled()) {
            log.trace("{} -> {} {}", links.selfId().shortForm(), peer, f.getClass().getSimpleName());
        }
        ch.write(FrameCodec.encode(ch.alloc(), f), ch.voidPromise());
        lastSent = links.now();
        if (flushScheduled) {
            return;
        }
        if (nothingElseQueued()) {
            // A lone message (someone typed a line): out now, not after whatever the node does
            // next in this turn (showing it, logging).
            ch.flush();
            return;
        }
        // Coalesces every write of this event-loop turn into one flush (one syscall).
        flushScheduled = true;
        loop.execute(() -> {
            flushScheduled = false;
            ch.flush();
        });
    }

    /** Whether the loop has no task waiting behind this one (a burst of sends has). */
    private boolean nothingElseQueued() {
        return loop instanceof SingleThreadEventExecutor executor && executor.pendingTasks() == 0;
    }

    /** The connection is gone: drop the buffer, and stop a catch-up that may be parked on writability. */
    void stop() {
        queue.clear();
        loop.execute(() -> {
            if (catchUp != null) {
                catchUp.dispose();
                catchUp = null;
            }
        });
    }
}
