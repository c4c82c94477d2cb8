package dev.codestory.gitops.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages follow the flow of data (README, "How it works"): each may use only those before it in
 * {@link #LAYERS}, and the packages of one layer do not use each other. Read from the compiled classes, so a
 * fully qualified name counts as much as an import.
 */
class PackageLayersTest {

    private static final String ROOT = "dev.codestory.gitops";

    /** In the order data flows; packages sharing a layer are independent of each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("layout"),
            List.of("yaml"),
            List.of("spec"),
            List.of("objects"),
            List.of("enrich"),
            List.of("controllers"),
            List.of("plan"),
            List.of("analysis"),
            List.of("generate"),
            List.of("workspace"),
            List.of("kustomize"),
            List.of("verify", "review", "git"),
            List.of("cli"));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void everyPackageHasAPlace() {
        Set<String> placed = new TreeSet<>();
        LAYERS.forEach(placed::addAll);
        Set<String> found = new TreeSet<>();
        classes.forEach(type -> found.add(packageOf(type)));
        assertThat(found).isEqualTo(placed);
    }

    @Test
    void noPackageUsesOneThatComesAfterItOrBesideIt() {
        assertThat(violations(classes)).isEmpty();
    }

    @Test
    void theCheckFailsOnAnUpwardDependency() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedSpecUsingVerify.class,
                dev.codestory.gitops.verify.Finding.class);
        assertThat(violations(planted)).contains(PlantedSpecUsingVerify.class.getName() + " -> "
                + dev.codestory.gitops.verify.Finding.class.getName());
    }

    /** Every dependency that points at a later layer or across one, as {@code from -> to}. */
    static List<String> violations(JavaClasses imported) {
        Map<String, Integer> layerOf = new TreeMap<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String name : LAYERS.get(i)) {
                layerOf.put(name, i);
            }
        }
        List<String> violations = new ArrayList<>();
        for (JavaClass type : imported) {
            Integer from = layerOf.get(packageOf(type));
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (!target.getPackageName().startsWith(ROOT + ".")) {
                    continue;
                }
                String targetPackage = packageOf(target);
                Integer to = layerOf.get(targetPackage);
                if (from == null || to == null || to > from
                        || to.equals(from) && !targetPackage.equals(packageOf(type))) {
                    violations.add(type.getName() + " -> " + target.getName());
                }
            }
        }
        return violations;
    }

    /** The package right under the root, for a test class too (the planted one lives here). */
    private static String packageOf(JavaClass type) {
        String name = type.getPackageName();
        if (type.isEquivalentTo(PlantedSpecUsingVerify.class)) {
            return "spec";
        }
        String rest = name.length() > ROOT.length() ? name.substring(ROOT.length() + 1) : "";
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Stands in for a spec class that reaches up into verify. */
    static final class PlantedSpecUsingVerify {
        Object finding = new dev.codestory.gitops.verify.Finding("-", "r", "", "p",
                dev.codestory.gitops.verify.CheckId.TREE);
    }
}
