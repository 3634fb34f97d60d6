package io.cobrowse.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout the code keeps: packages that depend on each other in one direction only, HTTP apart from
 * the store, the event catalog apart from everything else, and classes small enough to read in one sitting.
 */
class ArchitectureTest {

    private static final String ROOT = "io.cobrowse.ingest";
    private static final int MAX_LINES = 250;
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theWebhookPackageIsHttpOnly() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".webhook..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.persistence..", "org.hibernate..", "java.sql..", ROOT + ".outbox..")
                .check(MAIN);
    }

    @Test
    void theEventCatalogDependsOnNoOtherPartOfTheService() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".event..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".domain..", ROOT + ".store..", ROOT + ".outbox..", ROOT + ".webhook..")
                .check(MAIN);
    }

    @Test
    void theDomainKnowsNothingOfTheStoreTheRelayOrHttp() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".store..", ROOT + ".outbox..", ROOT + ".webhook..")
                .check(MAIN);
    }

    @Test
    void noSourceFileIsLongerThan250Lines() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            List<String> tooLong = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f) > MAX_LINES)
                    .map(f -> f + " (" + lines(f) + " lines)")
                    .toList();
            assertThat(tooLong).isEmpty();
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
