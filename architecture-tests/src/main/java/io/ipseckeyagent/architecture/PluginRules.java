package io.ipseckeyagent.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.ipseckeyagent.architecture.RuleParts.DEPENDENCY_INJECTION;
import static io.ipseckeyagent.architecture.RuleParts.VAVR_GET;
import static io.ipseckeyagent.architecture.RuleParts.subtree;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;

/**
 * The rules a third-party adapter (a plugin) should keep, checked on the plugin's own package:
 * <pre>{@code
 * JavaClasses classes = new ClassFileImporter()
 *         .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
 *         .importPackages("com.example.vaultkeys");
 * PluginRules.forPlugin("com.example.vaultkeys").all().forEach(rule -> rule.check(classes));
 * }</pre>
 */
public final class PluginRules {
    private final String agentRoot;
    private final String plugin;

    private PluginRules(String agentRoot, String plugin) {
        this.agentRoot = RuleParts.requirePackageName(agentRoot);
        this.plugin = RuleParts.requirePackageName(plugin);
    }

    /** Rules for a plugin of the agent ({@value HexagonRules#AGENT_ROOT}). */
    public static PluginRules forPlugin(String pluginPackage) {
        return new PluginRules(HexagonRules.AGENT_ROOT, pluginPackage);
    }

    /** Rules for a plugin of an agent rooted elsewhere (the rules' own tests use fixtures). */
    public static PluginRules forPlugin(String agentRoot, String pluginPackage) {
        return new PluginRules(agentRoot, pluginPackage);
    }

    public List<ArchRule> all() {
        return List.of(usesOnlyTheAgentsPublicApi(), noDependencyInjection(), noVavrGet(), noStandardStreams());
    }

    /** The plugin API, the application's ports and the domain are the agent's API; its adapters and bootstrap are not. */
    public ArchRule usesOnlyTheAgentsPublicApi() {
        return noClasses().that().resideInAPackage(plugin + "..")
                .should().dependOnClassesThat(resideInAPackage(agentRoot + "..")
                        .and(not(resideInAnyPackage(subtree(agentRoot, "plugin"), subtree(agentRoot, "application"),
                                subtree(agentRoot, "domain"), plugin + ".."))))
                .because("only the plugin API, the application's ports and the domain are kept stable for plugins");
    }

    public ArchRule noDependencyInjection() {
        return noClasses().that().resideInAPackage(plugin + "..")
                .should().dependOnClassesThat().resideInAnyPackage(DEPENDENCY_INJECTION)
                .because("the agent's bootstrap wires plugins; a plugin's API holds no Guice types");
    }

    public ArchRule noVavrGet() {
        return noClasses().that().resideInAPackage(plugin + "..")
                .should().accessTargetWhere(VAVR_GET)
                .because("absence and failure are handled with fold, getOrElse or match, never by throwing");
    }

    public ArchRule noStandardStreams() {
        return noClasses().that().resideInAPackage(plugin + "..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("the agent owns stdout and stderr; report through its ports or SLF4J");
    }
}
