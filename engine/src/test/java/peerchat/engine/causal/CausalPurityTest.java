package peerchat.engine.causal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The core is a pure state machine (issue 3): no sockets, files, threads, clocks or randomness,
 * so that replaying its inputs rebuilds it exactly. Holds the production classes to that.
 */
class CausalPurityTest {
    @Test
    void noIoThreadsClocksOrRandomness() {
        // The rules name classes by their names only, so the JDK and the other jars need not be
        // imported to resolve them: that takes most of the time otherwise. Restored afterwards,
        // since the configuration is shared by every ArchUnit test in this JVM.
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        JavaClasses core;
        try {
            core = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("peerchat.engine.causal");
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "java.net..", "java.nio..", "java.time..", "java.util.concurrent..", "reactor..", "io.netty..",
                        "net.openhft..", "org.slf4j..", "com.fasterxml..")
                .orShould().dependOnClassesThat().belongToAnyOf(Thread.class, Random.class, SplittableRandom.class,
                        java.io.File.class, java.io.InputStream.class, java.io.OutputStream.class)
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .check(core);
    }
}
