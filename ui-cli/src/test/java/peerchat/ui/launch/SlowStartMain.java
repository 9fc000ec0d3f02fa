package peerchat.ui.launch;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import peerchat.engine.api.Node;
import peerchat.ui.testing.FakeNode;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The launcher in a child JVM of {@link MainTest}, on a node that takes its time to start: it
 * prints {@code starting} once the start has begun, for the test to send its SIGINT then. The
 * first argument says when the start ends: {@code never}, or {@code after-signal}: once the JVM is
 * shutting down and the launcher's hook, if it has one by then, has run (a Ctrl-C that came just
 * as the node came up). The other arguments are the launcher's.
 */
public final class SlowStartMain {
    private SlowStartMain() {
    }

    public static void main(String[] args) {
        boolean never = args[0].equals("never");
        Thread main = Thread.currentThread();
        CountDownLatch shuttingDown = new CountDownLatch(1);
        AtomicReference<Thread> launcherHook = new AtomicReference<>();
        FakeNode node = new FakeNode();
        if (!never) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // The JVM ends once its hooks have: this one lets the launcher's end first, then
                // brings the node up, then waits for the launcher to be done with it.
                Thread hook = launcherHook.get();
                if (hook != null) {
                    while (hook.getState() == Thread.State.NEW) {
                        Thread.onSpinWait(); // the JVM starts every hook, then waits for them
                    }
                    join(hook);
                }
                shuttingDown.countDown();
                join(main);
            }, "test-hook"));
        }
        Mono<Node> start = Mono.fromCallable(() -> {
            launcherHook.set(registeredHook(Main.HOOK_THREAD));
            System.out.println("starting");
            System.out.flush();
            if (never) {
                new CountDownLatch(1).await();
            }
            shuttingDown.await();
            return (Node) node;
        }).subscribeOn(Schedulers.boundedElastic());
        int status = new Main(System.in, System.out, System.err, Path.of(System.getProperty("user.home")), config -> start)
                .run(Arrays.copyOfRange(args, 1, args.length));
        System.out.println("returned " + status + ", node closed " + node.shutdowns() + " time(s)");
        System.out.flush();
    }

    /** The shutdown hook of that name registered by now, or null (the JDK keeps no list that says). */
    private static Thread registeredHook(String name) throws ReflectiveOperationException {
        Field hooks = Class.forName("java.lang.ApplicationShutdownHooks").getDeclaredField("hooks");
        hooks.setAccessible(true);
        synchronized (hooks.getDeclaringClass()) {
            Map<?, ?> registered = (Map<?, ?>) hooks.get(null);
            return registered.keySet().stream().map(Thread.class::cast).filter(t -> t.getName().equals(name))
                    .findFirst().orElse(null);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
