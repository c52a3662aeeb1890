package io.ipseckeyagent.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import java.util.List;

/** Pieces shared by the rule sets. */
final class RuleParts {
    /** Dependency injection frameworks: Guice and the inject annotations it reads. */
    static final String[] DEPENDENCY_INJECTION = {"com.google.inject..", "jakarta.inject..", "javax.inject.."};

    private static final List<String> VAVR_CONTAINERS = List.of(
            "io.vavr.control.Option", "io.vavr.control.Either", "io.vavr.control.Try", "io.vavr.control.Validation");

    /** A call of, or a method reference to, {@code get()} on a Vavr container (subtypes included). */
    static final DescribedPredicate<JavaAccess<?>> VAVR_GET = DescribedPredicate.describe(
            "get() of Option, Either, Try or Validation",
            access -> access.getName().equals("get")
                    && access.getTarget() instanceof CodeUnitAccessTarget target
                    && target.getRawParameterTypes().isEmpty()
                    && VAVR_CONTAINERS.stream().anyMatch(access.getTargetOwner()::isAssignableTo));

    /** ArchUnit 1.5 reads the PermittedSubclasses attribute; the fluent API has no {@code areSealed()} yet. */
    static final DescribedPredicate<JavaClass> SEALED = DescribedPredicate.describe("sealed", JavaClass::isSealed);

    private RuleParts() {}

    /** {@code "a.b"} and {@code "c"} give the ArchUnit package pattern {@code "a.b.c.."}. */
    static String subtree(String root, String subpackage) {
        return root + "." + subpackage + "..";
    }

    static String requirePackageName(String name) {
        if (name == null || !name.matches("[a-zA-Z_][\\w]*(\\.[a-zA-Z_][\\w]*)*")) {
            throw new IllegalArgumentException("not a Java package name: '" + name + "'");
        }
        return name;
    }
}
