package peerchat.engine.discovery;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Netty stays at the edge: only the UDP beacon touches it; the rest of discovery is plain Java. */
class DiscoveryLayeringTest {
    private static final JavaClasses discovery = importDiscovery();

    /** Dependencies are checked by name: resolving them all from the classpath only costs time. */
    private static JavaClasses importDiscovery() {
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("peerchat.engine.discovery");
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void onlyTheUdpBeaconUsesNetty() {
        // its nested classes (the sockets of one binding) are part of it
        noClasses().that().doNotBelongToAnyOf(UdpBeacon.class)
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "reactor.netty..")
                .check(discovery);
    }

    @Test
    void theCodecAndFilterDoNoIo() {
        noClasses().that().haveNameMatching(".*(SightingFilter|BeaconCodec).*")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "reactor..", "java.net.http..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.DatagramSocket")
                .check(discovery);
    }
}
