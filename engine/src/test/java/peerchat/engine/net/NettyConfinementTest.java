package peerchat.engine.net;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Netty stays in the link layer (STYLE.md 4): bytes and records at its edge, never a ByteBuf. */
class NettyConfinementTest {
    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    private static final JavaClasses MAIN = importMain();

    /** The engine's own compiled classes only (scanning the whole classpath for them is slow). */
    private static JavaClasses importMain() {
        // Package names are all these rules look at: loading Netty and Reactor themselves would
        // only cost time. The setting is global, so it is put back for other ArchUnit tests.
        com.tngtech.archunit.ArchConfiguration config = com.tngtech.archunit.ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            java.nio.file.Path classes = java.nio.file.Path.of(
                    TcpPeerLinks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPath(classes);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void onlyTheNetworkPackagesTouchNetty() {
        noClasses().that().resideOutsideOfPackages("peerchat.engine.net..", "peerchat.engine.discovery..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .allowEmptyShould(true)
                .check(MAIN);
    }

    @Test
    void theLinksPublicMethodsSpeakNoNetty() {
        noMethods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage("peerchat.engine.net..")
                .should().haveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe("a Netty type",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("io.netty")))
                .check(MAIN);
    }
}
