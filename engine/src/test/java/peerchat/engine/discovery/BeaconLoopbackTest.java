package peerchat.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import peerchat.store.event.NodeId;
import reactor.test.StepVerifier;

/**
 * Real beacons on real UDP sockets, confined to loopback: broadcast from 127.0.0.1 to
 * 127.255.255.255, the only destination any datagram of this test has.
 */
class BeaconLoopbackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final NodeId A = new NodeId("aaaaaaaa01");
    private static final NodeId B = new NodeId("bbbbbbbb02");
    private static final NodeId C = new NodeId("cccccccc03");
    private static final NodeId D = new NodeId("dddddddd04");

    private final List<Beacon> beacons = new ArrayList<>();
    private BeaconConfig config;

    @BeforeEach
    void pickPort() throws SocketException {
        config = BeaconConfig.loopback().withPort(freeUdpPort()).withInterval(Duration.ofMillis(50));
    }

    @AfterEach
    void closeBeacons() {
        beacons.forEach(beacon -> beacon.close().block(TIMEOUT));
    }

    @Test
    void twoBeaconsInOneJvmSeeEachOtherRepeatedlyAndNeverThemselves() {
        BeaconConfig everyBeacon = config.withDedupWindow(Duration.ZERO);
        Beacon a = beacon(everyBeacon);
        Beacon b = beacon(everyBeacon);
        List<Sighting> seenByA = collect(a);
        List<Sighting> seenByB = collect(b);

        a.start(A, address("127.0.0.11", 5001)).block(TIMEOUT);
        b.start(B, address("127.0.0.12", 5002)).block(TIMEOUT);

        // A started first and sends as often as B: by B's third beacon A has heard its own ones too.
        await().atMost(TIMEOUT).until(() -> seenByA.size() >= 3 && seenByB.size() >= 3);
        assertThat(seenByA).containsOnly(new Sighting(B, address("127.0.0.12", 5002)));
        assertThat(seenByB).containsOnly(new Sighting(A, address("127.0.0.11", 5001)));
    }

    @Test
    void wildcardListenerIsAdvertisedAtTheInterfaceAddress() {
        Beacon a = beacon(config);
        Beacon b = beacon(config);
        List<Sighting> seenByB = collect(b);

        b.start(B, address("127.0.0.12", 5002)).block(TIMEOUT);
        a.start(A, address("0.0.0.0", 7117)).block(TIMEOUT);

        await().atMost(TIMEOUT).until(() -> !seenByB.isEmpty());
        assertThat(seenByB.get(0)).isEqualTo(new Sighting(A, address("127.0.0.1", 7117)));
    }

    @Test
    void samePeerAtSameAddressIsReportedOncePerWindowButAMoveAtOnce() throws Exception {
        Beacon a = beacon(config.withDedupWindow(Duration.ofHours(1)));
        List<Sighting> seen = collect(a);
        a.start(A, address("127.0.0.11", 5001)).block(TIMEOUT);

        try (DatagramSocket raw = rawSender()) {
            for (int i = 0; i < 5; i++) {
                send(raw, beaconOf(C, 6000));
            }
            send(raw, beaconOf(C, 6001));
            send(raw, beaconOf(C, 6001));
            // Datagrams from one socket over loopback arrive in order: D's sighting comes last.
            send(raw, beaconOf(D, 6002));
            await().atMost(TIMEOUT).until(() -> seen.stream().anyMatch(s -> s.id().equals(D)));
        }
        assertThat(seen).containsExactly(
                new Sighting(C, address("127.0.0.1", 6000)),
                new Sighting(C, address("127.0.0.1", 6001)),
                new Sighting(D, address("127.0.0.1", 6002)));
    }

    @Test
    void badDatagramsAreIgnoredWithTheSenderNamedAndTheBeaconKeepsWorking() throws Exception {
        Beacon a = beacon(config);
        List<Sighting> seen = collect(a);
        a.start(A, address("127.0.0.11", 5001)).block(TIMEOUT);

        try (CapturedLog log = new CapturedLog(UdpBeacon.class); DatagramSocket raw = rawSender()) {
            byte[] valid = beaconOf(C, 6000);
            byte[] wrongMagic = valid.clone();
            wrongMagic[0] = 'X';
            byte[] unknownVersion = valid.clone();
            unknownVersion[4] = 9;
            send(raw, "GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            send(raw, wrongMagic);
            send(raw, unknownVersion);
            send(raw, new byte[4000]);
            send(raw, new byte[0]);
            send(raw, valid);

            await().atMost(TIMEOUT).until(() -> !seen.isEmpty());
            String sender = "127.0.0.1:" + raw.getLocalPort();
            assertThat(log.lines()).filteredOn(line -> line.contains(sender)).hasSize(5)
                    .anySatisfy(line -> assertThat(line).contains("wrong magic"))
                    .anySatisfy(line -> assertThat(line).contains("unknown version 9"))
                    .anySatisfy(line -> assertThat(line).contains("oversized"))
                    .anySatisfy(line -> assertThat(line).contains("truncated"));
        }
        assertThat(seen).containsExactly(new Sighting(C, address("127.0.0.1", 6000)));
    }

    @Test
    void closeCompletesSightingsAndIsIdempotent() {
        Beacon a = beacon(config);
        a.start(A, address("127.0.0.11", 5001)).block(TIMEOUT);
        StepVerifier.create(a.sightings())
                .then(() -> a.close().block(TIMEOUT))
                .expectComplete()
                .verify(TIMEOUT);
        a.close().block(TIMEOUT);
    }

    @Test
    void startsOnlyOnce() {
        Beacon a = beacon(config);
        a.start(A, address("127.0.0.11", 5001)).block(TIMEOUT);
        assertThatThrownBy(() -> a.start(A, address("127.0.0.11", 5001)).block(TIMEOUT))
                .hasMessageContaining("already started");
    }

    @Test
    void anInterfaceThisHostDoesNotHaveIsWaitedForAndTheWaitSaidOnce() throws Exception {
        // A documentation address (RFC 5737, TEST-NET-3) that no host here has: nothing is bound or sent.
        Beacon a = beacon(config.withInterface(InetAddress.getByName("203.0.113.77"))
                .withInterfaceCheck(Duration.ofMillis(20)));
        try (CapturedLog log = new CapturedLog(UdpBeacon.class)) {
            a.start(A, address("127.0.0.11", 5001)).block(TIMEOUT);

            // Several looks later the wait has still been said once.
            await().atMost(TIMEOUT).until(() -> log.lines(Level.DEBUG).stream()
                    .filter(line -> line.startsWith("discovery still waiting: no interface of this host"))
                    .count() >= 3);
            assertThat(log.lines(Level.WARN)).containsExactly("discovery waiting: no interface of this host has the"
                    + " address 203.0.113.77; looking again every 20 ms");
        }
        StepVerifier.create(a.sightings())
                .then(() -> a.close().block(TIMEOUT))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aPortTakenWithoutAddressReuseIsAClearErrorAndTheBeaconCloses() throws Exception {
        // The broadcast receiver binds the wildcard with SO_REUSEADDR; a socket holding that port
        // without it (it only receives, nothing is sent) makes the bind fail.
        try (DatagramSocket squatter = new DatagramSocket(null)) {
            squatter.setReuseAddress(false);
            squatter.bind(new InetSocketAddress("0.0.0.0", config.port()));
            Beacon a = beacon(config);
            assertThatThrownBy(() -> a.start(A, address("127.0.0.11", 5001)).block(TIMEOUT))
                    .hasMessageContaining(Integer.toString(config.port()));
            StepVerifier.create(a.sightings()).expectComplete().verify(TIMEOUT);
        }
    }

    @Test
    void aListenAddressPeersCannotDialIsRefused() {
        Beacon unresolved = beacon(config);
        assertThatThrownBy(() -> unresolved.start(A, InetSocketAddress.createUnresolved("localhost", 5001))
                .block(TIMEOUT)).hasMessageContaining("resolved");
        StepVerifier.create(unresolved.sightings()).expectComplete().verify(TIMEOUT);

        Beacon portZero = beacon(config);
        assertThatThrownBy(() -> portZero.start(A, address("127.0.0.11", 0)).block(TIMEOUT))
                .hasMessageContaining("real port");
    }

    private Beacon beacon(BeaconConfig beaconConfig) {
        Beacon beacon = Beacon.create(beaconConfig, Clock.systemUTC());
        beacons.add(beacon);
        return beacon;
    }

    private static List<Sighting> collect(Beacon beacon) {
        List<Sighting> seen = new CopyOnWriteArrayList<>();
        beacon.sightings().subscribe(seen::add);
        return seen;
    }

    private static InetSocketAddress address(String host, int port) {
        return new InetSocketAddress(host, port);
    }

    private static int freeUdpPort() throws SocketException {
        try (DatagramSocket probe = new DatagramSocket(address("127.0.0.1", 0))) {
            return probe.getLocalPort();
        }
    }

    private static DatagramSocket rawSender() throws SocketException {
        DatagramSocket raw = new DatagramSocket(address("127.0.0.1", 0));
        raw.setBroadcast(true);
        return raw;
    }

    private void send(DatagramSocket raw, byte[] bytes) throws java.io.IOException {
        raw.send(new DatagramPacket(bytes, bytes.length, address("127.255.255.255", config.port())));
    }

    private static byte[] beaconOf(NodeId id, int port) {
        return BeaconCodec.encode(new BeaconMessage(id, address("127.0.0.1", port)));
    }
}
