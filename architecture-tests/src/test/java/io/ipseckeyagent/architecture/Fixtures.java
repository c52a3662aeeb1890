package io.ipseckeyagent.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.Slices;
import java.util.Set;
import java.util.stream.Collectors;

/** The fixture code bases under {@code src/test/java/io/ipseckeyagent/archfixture}, imported once. */
final class Fixtures {
    static final String GOOD_ROOT = "io.ipseckeyagent.archfixture.good";
    static final String BAD_ROOT = "io.ipseckeyagent.archfixture.bad";
    static final String GOOD_THIRD_PARTY = "io.ipseckeyagent.archfixture.thirdparty.good";
    static final String BAD_THIRD_PARTY = "io.ipseckeyagent.archfixture.thirdparty.bad";

    static final JavaClasses GOOD = importPackage(GOOD_ROOT);
    static final JavaClasses BAD = importPackage(BAD_ROOT);

    private Fixtures() {}

    static JavaClasses importPackage(String name) {
        return new ClassFileImporter().importPackages(name);
    }

    /** The slices {@link HexagonRules#noPackageCycles()} checks, by name. */
    static Set<String> cycleSliceNames(String root, JavaClasses classes) {
        return Slices.matching(root + ".(**)").transform(classes).stream()
                .map(slice -> slice.getNamePart(1)).collect(Collectors.toSet());
    }
}
