package peerchat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The arrows of DESIGN.md › Modules, and the boundaries STYLE.md draws inside the engine. */
@AnalyzeClasses(packages = "peerchat", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureIT {

    @ArchTest
    static final ArchRule storeKnowsNothingAbove = noClasses().that().resideInAPackage("peerchat.store..")
            .should().dependOnClassesThat().resideInAnyPackage("peerchat.engine..", "peerchat.ui..", "io.netty..", "reactor.netty..");

    @ArchTest
    static final ArchRule engineKnowsNoFrontend = noClasses().that().resideInAPackage("peerchat.engine..")
            .should().dependOnClassesThat().resideInAPackage("peerchat.ui..");

    @ArchTest
    static final ArchRule frontendsUseOnlyTheApi = noClasses().that().resideInAPackage("peerchat.ui..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "peerchat.engine.node..", "peerchat.engine.net..", "peerchat.engine.causal..",
                    "peerchat.engine.discovery..", "peerchat.engine.identity..", "peerchat.engine.command..",
                    "peerchat.store.log..", "peerchat.store.projection..");

    @ArchTest
    static final ArchRule terminalDoesNotKnowSwing = noClasses().that().resideInAnyPackage("peerchat.ui.cli..", "peerchat.ui.json..", "peerchat.ui.launch..")
            .should().dependOnClassesThat().resideInAPackage("peerchat.ui.swing..");

    @ArchTest
    static final ArchRule swingDoesNotKnowTerminal = noClasses().that().resideInAPackage("peerchat.ui.swing..")
            .should().dependOnClassesThat().resideInAnyPackage("peerchat.ui.cli..", "peerchat.ui.json..", "peerchat.ui.launch..");

    @ArchTest
    static final ArchRule nettyStaysInTheNetwork = noClasses().that().resideOutsideOfPackages("peerchat.engine.net..", "peerchat.engine.discovery..", "peerchat.bench..")
            .and().resideInAPackage("peerchat..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "reactor.netty..");

    // The causal core's purity (no I/O, threads, clocks) is engine.causal.CausalPurityTest's.
}
