package io.ipseckeyagent.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Binding;
import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.LinkedKeyBinding;
import com.google.inject.spi.ProviderInstanceBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.AdoptionWatch;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.ClusterWatch;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.NodeWatch;
import io.ipseckeyagent.application.port.out.ClusterSizePort;
import io.ipseckeyagent.bootstrap.config.AgentMode;
import io.ipseckeyagent.application.port.in.HandleKeyFileChangeUseCase;
import io.ipseckeyagent.application.port.in.ObserveOwnNodeUseCase;
import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.application.port.in.StartAgentUseCase;
import io.ipseckeyagent.application.port.in.StopAgentUseCase;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.ClusterViewPort;
import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.application.service.AgentSettings;
import io.ipseckeyagent.application.service.RotationService;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import io.ipseckeyagent.adapters.observability.ObservabilityAdapters;
import io.ipseckeyagent.pluginhost.AgentPluginContext;
import io.ipseckeyagent.pluginhost.ChosenPlugins;
import io.ipseckeyagent.pluginhost.PluginCatalog;
import io.ipseckeyagent.bootstrap.plugins.TestPlugins;
import io.ipseckeyagent.adapters.runtime.RuntimeAdapters.OwnedScheduler;
import io.ipseckeyagent.bootstrap.testing.Configurations;
import io.ipseckeyagent.standins.MockApiServer;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentInjectorTest {
    private final MockApiServer cluster = new MockApiServer();
    private Injector injector;

    @TempDir
    Path temp;

    @AfterEach
    void closeWhatTheInjectorBuilt() {
        if (injector != null) {
            injector.getInstance(KubernetesClient.class).close();
            injector.getInstance(OwnedScheduler.class).close();
        }
        cluster.close();
    }

    private RunConfiguration configuration(String... more) throws IOException {
        return configuration(cluster.writeKubeconfig(temp), more);
    }

    private RunConfiguration configuration(Path kubeconfig, String... more) {
        List<String> flags = new java.util.ArrayList<>(List.of("--node-name=node-a", "--kubeconfig=" + kubeconfig,
                "--ipsec-key-file=" + temp.resolve("keys"), "--state-file=" + temp.resolve("state.json")));
        flags.addAll(List.of(more));
        return Configurations.fromFlags(flags.toArray(String[]::new));
    }

    @Test
    void theDefaultConfigurationWiresInProductionStageWithoutTouchingTheApiServer() throws IOException {
        injector = AgentInjector.create(configuration()).getOrElseThrow(failure -> new AssertionError(failure.problems()));

        RotationService core = injector.getInstance(RotationService.class);
        assertThat(List.of(injector.getInstance(StartAgentUseCase.class), injector.getInstance(StopAgentUseCase.class),
                injector.getInstance(HandleKeyFileChangeUseCase.class), injector.getInstance(ObserveRemoteNodeUseCase.class)))
                .allSatisfy(useCase -> assertThat(useCase).isSameAs(core));
        assertThat(injector.getInstance(ClusterViewPort.class)).isSameAs(injector.getInstance(ClusterWatch.class));
        assertThat(injector.getInstance(KeyFileSourcePort.class).location()).contains(temp.resolve("keys").toString());
        assertThat(cluster.requests()).as("nothing is started by wiring").isEmpty();
    }

    @Test
    void relayModeWiresTheRelayingAdaptersAndNoWatchOfEveryNode() throws IOException {
        injector = AgentInjector.create(configuration("--mode=relay", "--relay-key-file=" + temp.resolve("relayed")))
                .getOrElseThrow(failure -> new AssertionError(failure.problems()));

        assertThat(injector.getInstance(NodeKeyPublisherPort.class).toString()).startsWith("AdoptionConfirmingPublisher[node-a");
        assertThat(injector.getInstance(DatapathPort.class).getClass().getSimpleName()).isEqualTo("RelayKeyFileDatapath");
        assertThat(injector.getInstance(ClusterViewPort.class).knownNodes()).containsExactly(io.ipseckeyagent.domain.key.NodeName.of("node-a"));
        assertThat(injector.getExistingBinding(com.google.inject.Key.get(ClusterWatch.class))).as("the all-nodes watch").isNull();
        assertThat(injector.getInstance(AdoptionWatch.class)).isNotNull();
        assertThat(cluster.requests()).as("nothing is started by wiring").isEmpty();
    }

    @Test
    void onlyWhatAModuleNamesCanBeBuilt() throws IOException {
        injector = AgentInjector.create(configuration()).getOrElseThrow(failure -> new AssertionError(failure.problems()));

        // PublicNoArgs has a public no-argument constructor: a just-in-time binding would build it.
        assertThatThrownBy(() -> injector.getInstance(PublicNoArgs.class)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Explicit bindings are required");
    }

    @Test
    void eachModuleProvidesWhatItsNameSaysAndNothingElse() {
        assertThat(provided(new RuntimeModule()))
                .containsExactlyInAnyOrder(OwnedScheduler.class, SchedulerPort.class, ClockPort.class, RandomSourcePort.class);
        assertThat(provided(new ObservabilityModule())).containsExactlyInAnyOrder(ObservabilityAdapters.class, AgentEventsPort.class);
        assertThat(provided(new KubernetesAdaptersModule(AgentMode.PUBLISH))).containsExactlyInAnyOrder(KubernetesClient.class,
                ClusterWatch.class, ClusterViewPort.class, NodeWatch.class, AgentPluginContext.class);
        assertThat(provided(new KubernetesAdaptersModule(AgentMode.RELAY))).containsExactlyInAnyOrder(KubernetesClient.class,
                AdoptionWatch.class, ClusterSizePort.class, ClusterViewPort.class, NodeWatch.class, AgentPluginContext.class);
        assertThat(provided(new PluginAdaptersModule())).containsExactlyInAnyOrder(PluginCatalog.class, ChosenPlugins.class,
                KeyFileSourcePort.class, NodeKeyPublisherPort.class, DatapathPort.class);
        assertThat(provided(new ApplicationModule())).containsExactlyInAnyOrder(AgentSettings.class, RotationService.class,
                StartAgentUseCase.class, StopAgentUseCase.class, HandleKeyFileChangeUseCase.class, ObserveRemoteNodeUseCase.class,
                ObserveOwnNodeUseCase.class);
    }

    @Test
    void theCoresSettingsAreTheConfigurations() throws IOException {
        RunConfiguration configuration = configuration("--ipsec-key-rotation-duration=1m", "--ipsec-jitter-policy=rank",
                "--cluster-name=blue");
        injector = AgentInjector.create(configuration).getOrElseThrow(failure -> new AssertionError(failure.problems()));

        AgentSettings settings = injector.getInstance(AgentSettings.class);

        assertThat(settings.jitter().max()).isEqualTo(configuration.effectiveJitterMax()).isEqualTo(Duration.ZERO);
        assertThat(settings.policy()).isEqualTo(JitterPolicy.rank());
        assertThat(settings.clusterName()).isEqualTo("blue");
        assertThat(settings.nodeName()).isEqualTo(configuration.core().nodeName());
    }

    @Test
    void everyProblemOnlyWiringFindsIsAConfigurationErrorNamingItsFlag() {
        RunConfiguration configuration = configuration(temp.resolve("absent"), "--plugin-dir=" + temp.resolve("no-plugins"));

        StartupFailure failure = AgentInjector.create(configuration).getLeft();

        assertThat(failure.exitCode()).isEqualTo(StartupFailure.EXIT_INVALID_CONFIGURATION);
        assertThat(failure.problems()).containsExactlyInAnyOrder(
                "--kubeconfig " + temp.resolve("absent") + ": no readable file there",
                "--plugin-dir " + temp.resolve("no-plugins") + ": not a directory");
    }

    @Test
    void anUnknownPluginNameListsTheNamesAvailable() throws IOException {
        StartupFailure failure = AgentInjector.create(configuration("--publisher=annotation")).getLeft();

        assertThat(failure.exitCode()).isEqualTo(StartupFailure.EXIT_INVALID_CONFIGURATION);
        assertThat(failure.problems()).containsExactly("--publisher: no publisher plugin is named \"annotation\"; available: cilium-node");
    }

    @Test
    void aPluginThatCannotMakeItsAdapterStopsTheStartWithItsNameAndReason() throws IOException {
        TestPlugins.jarListing(temp.resolve("plugins"), "failing.jar", TestPlugins.Failing.class.getName());

        StartupFailure failure = AgentInjector.create(configuration("--plugin-dir=" + temp.resolve("plugins"), "--key-source=failing"))
                .getLeft();

        assertThat(failure.exitCode()).isEqualTo(StartupFailure.EXIT_CANNOT_START);
        assertThat(failure.problems()).containsExactly(
                "the key source plugin \"failing\" failed to start: java.lang.IllegalStateException: no vault token");
    }

    /** The keys a module binds, read from its elements without building anything. */
    private static Set<Class<?>> provided(Module module) {
        List<Element> elements = Elements.getElements(module);
        assertThat(elements).allSatisfy(element -> assertThat(element).isInstanceOfAny(ProviderInstanceBinding.class,
                LinkedKeyBinding.class));
        return elements.stream()
                .map(element -> ((Binding<?>) element).getKey().getTypeLiteral().getRawType())
                .collect(Collectors.toSet());
    }

    public static final class PublicNoArgs {
        public PublicNoArgs() {}
    }
}
