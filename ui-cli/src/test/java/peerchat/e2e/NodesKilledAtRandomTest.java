package peerchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five node processes chat (to everyone, to two overlapping groups, to single users) while they
 * are SIGKILLed and started again at random, one or two down at a time: at the end every
 * destination of every message has it exactly once, and each node took them in causal order.
 * What each node took is read as its script would: its message lines, and after each restart
 * {@code -since} the last seq it had read (lines in flight when it was killed are never printed).
 * The schedule is seeded and paced by the nodes' own replies (a send waits for its result), so
 * a failure is a lost, repeated or misordered message, never a timing.
 */
class NodesKilledAtRandomTest {
    private static final List<String> NAMES = List.of("n0", "n1", "n2", "n3", "n4");
    private static final Map<String, Set<String>> GROUPS = Map.of("g1", Set.of("n0", "n1", "n2"), "g2", Set.of("n2", "n3", "n4"));
    private static final int MESSAGES = 600;
    private static final int KILL_EVERY = 40;
    private static final int DOWN_FOR = 30;

    @TempDir
    Path dir;

    private final Map<String, JsonNodeProcess> running = new LinkedHashMap<>();
    private final List<JsonNodeProcess> everyLife = new ArrayList<>();
    /** What each node took, by seq: its message lines from every life, and the -since answers. */
    private final Map<String, TreeMap<Long, JsonNode>> taken = new HashMap<>();
    /** Each message sent: its id, sender and target, from the sender's reply. */
    private final List<JsonNode> sent = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (JsonNodeProcess p : everyLife) {
            p.close();
        }
    }

    @Test
    void everyMessageReachesEveryDestinationOnceInCausalOrder() throws Exception {
        start("n0");
        for (String n : NAMES.subList(1, NAMES.size())) {
            start(n);
        }
        for (JsonNodeProcess p : running.values()) {
            await().atMost(JsonNodeProcess.WAIT).until(() -> p.command("-lu").path("users").size() == NAMES.size());
        }
        running.get("n0").command("-creategroup g1");
        running.get("n3").command("-creategroup g2");
        for (JsonNodeProcess p : running.values()) {
            await().atMost(JsonNodeProcess.WAIT).until(() -> p.command("-lg").path("groups").size() == 3);
        }
        for (var g : GROUPS.entrySet()) {
            for (String member : g.getValue()) {
                if (!running.get(member).command("-members " + g.getKey()).toString().contains(member)) {
                    assertThat(running.get(member).command("-joingroup " + g.getKey()).path("event").asText()).isEqualTo("result");
                }
            }
        }
        for (JsonNodeProcess p : running.values()) {
            for (var g : GROUPS.entrySet()) {
                await().atMost(JsonNodeProcess.WAIT).until(() -> p.command("-members " + g.getKey()).path("members").size() == 3);
            }
        }

        Random random = new Random(20261201);
        Map<String, Integer> backAt = new HashMap<>();
        for (int k = 1; k <= MESSAGES; k++) {
            for (var down : new ArrayList<>(backAt.entrySet())) {
                if (down.getValue() <= k) {
                    backAt.remove(down.getKey());
                    start(down.getKey());
                }
            }
            if (k % KILL_EVERY == 0 && running.size() > 3) {
                List<String> alive = new ArrayList<>(running.keySet());
                int victims = random.nextInt(4) == 0 ? 2 : 1;
                for (int v = 0; v < victims; v++) {
                    String victim = alive.remove(random.nextInt(alive.size()));
                    running.remove(victim).kill();
                    backAt.put(victim, k + 1 + random.nextInt(DOWN_FOR));
                }
            }
            List<String> alive = new ArrayList<>(running.keySet());
            String from = alive.get(random.nextInt(alive.size()));
            double r = random.nextDouble();
            String target;
            if (r < 0.5) {
                target = "#all";
            } else if (r < 0.75) {
                List<String> mine = GROUPS.keySet().stream().filter(g -> GROUPS.get(g).contains(from)).sorted().collect(Collectors.toList());
                target = "#" + mine.get(random.nextInt(mine.size()));
            } else {
                List<String> others = NAMES.stream().filter(n -> !n.equals(from)).collect(Collectors.toList());
                target = "@" + others.get(random.nextInt(others.size()));
            }
            JsonNode reply = running.get(from).command(target + " m" + k);
            assertThat(reply.path("event").asText()).as("%s: %s", from, reply).isEqualTo("result");
            sent.add(reply.path("message"));
        }
        for (String n : new ArrayList<>(backAt.keySet())) {
            start(n);
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            running.values().forEach(this::read);
            return missing().isEmpty();
        });
        assertThat(missing()).isEmpty();
        Map<String, List<CausalOrderChecker.Shown>> outputs = new HashMap<>();
        taken.forEach((node, bySeq) -> outputs.put(node, bySeq.values().stream()
                .map(m -> new CausalOrderChecker.Shown(node, m.path("id").asText(), m.path("from").asText()))
                .collect(Collectors.toList())));
        assertThat(CausalOrderChecker.violations(outputs)).isEmpty();
        assertThat(everyLife.size()).as("lives").isGreaterThan(NAMES.size() + 10);
    }

    /** Starts a node (again): seeded with the running ones; a restarted one asks what it missed. */
    private void start(String name) {
        String[] peers = running.values().stream().map(JsonNodeProcess::listen).toArray(String[]::new);
        JsonNodeProcess p = JsonNodeProcess.start(name, dir.resolve(name), "127.0.0." + (70 + NAMES.indexOf(name)), peers);
        everyLife.stream().filter(old -> old.name.equals(name)).forEach(this::read); // all its dead lives printed
        boolean again = taken.containsKey(name);
        running.put(name, p);
        everyLife.add(p);
        TreeMap<Long, JsonNode> mine = taken.computeIfAbsent(name, n -> new TreeMap<>());
        if (again) {
            long last = mine.isEmpty() ? 0 : mine.lastKey();
            while (true) {
                JsonNode page = p.command("-since " + last + " 1000").path("messages");
                if (page.isEmpty()) {
                    break;
                }
                page.forEach(m -> take(name, m));
                last = page.get(page.size() - 1).path("seq").asLong();
            }
        }
    }

    private void read(JsonNodeProcess p) {
        p.messages().forEach(m -> take(p.name, m));
    }

    private void take(String node, JsonNode m) {
        JsonNode before = taken.computeIfAbsent(node, n -> new TreeMap<>()).putIfAbsent(m.path("seq").asLong(), m);
        assertThat(before == null || before.path("id").equals(m.path("id")))
                .as("%s: seq %s is %s and %s", node, m.path("seq"), before, m).isTrue();
    }

    /** "id to node" for every destination that has not taken a message sent to it. */
    private List<String> missing() {
        Map<String, Set<String>> ids = new HashMap<>();
        taken.forEach((node, bySeq) -> ids.put(node, bySeq.values().stream().map(m -> m.path("id").asText()).collect(Collectors.toSet())));
        List<String> missing = new ArrayList<>();
        for (JsonNode m : sent) {
            String from = m.path("from").asText();
            String to = m.path("to").asText();
            Set<String> destinations = to.equals("#all") ? Set.copyOf(NAMES)
                    : to.startsWith("#") ? GROUPS.get(to.substring(1)) : Set.of(from, to.substring(1));
            for (String d : destinations) {
                if (!ids.getOrDefault(d, Set.of()).contains(m.path("id").asText())) {
                    missing.add(m.path("id").asText() + " " + to + " to " + d);
                }
            }
        }
        return missing;
    }
}
