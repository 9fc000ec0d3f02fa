package peerchat.ui.swing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The window sees the node only through its API (DESIGN.md › Modules), and its logic has no Swing in it. */
class LayeringTest {
    private static final JavaClasses WINDOW = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("peerchat.ui.swing");

    @Test
    void usesOnlyTheEngineApiAndTheEventIds() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(
                        "peerchat.ui.swing..", "peerchat.engine.api..", "peerchat.store.event..",
                        "java..", "javax.swing..", "javax.imageio..", "reactor..", "org.slf4j..", "com.formdev.flatlaf..")
                .check(WINDOW);
    }

    @Test
    void thePresenterHasNoSwingOrAwt() {
        noClasses().that().resideInAPackage("peerchat.ui.swing.presenter..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.swing..", "java.awt..", "com.formdev..")
                .check(WINDOW);
    }
}
