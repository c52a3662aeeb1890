package io.ipseckeyagent.bootstrap.wiring;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Builds the agent's object graph: every module, in production stage (singletons are built at
 * once, so a bad kubeconfig or an unknown plugin is found before anything starts), with only
 * explicit bindings and no circular proxies.
 */
public final class AgentInjector {
    private AgentInjector() {}

    /** Every module of the agent; nothing is built that a module does not name, and a cycle is an error, not a proxy. */
    public static List<Module> modules(RunConfiguration configuration) {
        return List.of(binder -> {
                    binder.requireExplicitBindings();
                    binder.disableCircularProxies();
                    binder.bind(RunConfiguration.class).toInstance(configuration);
                },
                new RuntimeModule(), new ObservabilityModule(), new KubernetesAdaptersModule(configuration.mode()), new PluginAdaptersModule(), new ApplicationModule());
    }

    /** The injector, or every startup failure its providers reported. Other errors are bugs and are thrown. */
    public static Either<StartupFailure, Injector> create(RunConfiguration configuration) {
        try {
            // No generated classes: the agent needs no AOP, and Guice's class definer calls
            // sun.misc.Unsafe, which JDK 24+ warns about on stderr (the log must stay one JSON per line).
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
            return Either.right(Guice.createInjector(Stage.PRODUCTION, modules(configuration)));
        } catch (CreationException e) {
            List<Option<StartupFailure>> causes = List.ofAll(e.getErrorMessages()).map(AgentInjector::startupFailure);
            if (causes.exists(Option::isEmpty)) {
                throw e;
            }
            return Either.left(StartupFailure.combine(causes.flatMap(cause -> cause)));
        }
    }

    private static Option<StartupFailure> startupFailure(Message message) {
        return Option.of(message.getCause()).filter(StartupFailure.class::isInstance).map(StartupFailure.class::cast);
    }
}
