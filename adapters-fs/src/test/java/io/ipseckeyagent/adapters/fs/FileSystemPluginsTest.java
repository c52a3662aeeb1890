package io.ipseckeyagent.adapters.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.ipseckeyagent.application.port.out.KeyAdoptionPort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.plugin.AgentPlugin;
import io.ipseckeyagent.plugin.PluginContext;
import io.ipseckeyagent.plugin.PluginSettings;
import io.ipseckeyagent.plugin.RelayLink;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file system's built-in plugins work with any {@link PluginContext}, as a third party's plugin does. */
class FileSystemPluginsTest {
    @TempDir
    Path temp;

    private final PluginContext context = mock(PluginContext.class);

    @Test
    void theFileKeySourceReadsTheKeyFileOfTheTypedSettings() {
        given(context.settings()).willReturn(settings());

        assertThat(new FileKeySourcePlugin().keySource(context).location()).isEqualTo(temp.resolve("keys").toString());
    }

    @Test
    void theStateFileDatapathRecordsInTheStateFileOfTheTypedSettings() {
        given(context.settings()).willReturn(settings());
        given(context.shared(RelayLink.class)).willReturn(Option.none());

        assertThat(new StateFileDatapathPlugin().datapath(context).lastApplied()).isEmpty();
    }

    @Test
    void theStateFileDatapathRelaysWhenTheAgentSharesARelayLink() {
        given(context.settings()).willReturn(settings());
        given(context.shared(RelayLink.class)).willReturn(Option.some(
                new RelayLink(temp.resolve("relayed"), mock(KeyAdoptionPort.class), mock(SchedulerPort.class))));

        assertThat(new StateFileDatapathPlugin().datapath(context).getClass().getSimpleName()).isEqualTo("RelayKeyFileDatapath");
    }

    @Test
    void everyBuiltInDeclaresThisPluginApi() {
        assertThat(List.<AgentPlugin>of(new FileKeySourcePlugin(), new StateFileDatapathPlugin()))
                .allSatisfy(plugin -> assertThat(plugin.apiVersion()).as(plugin.name()).isEqualTo(AgentPlugin.API_VERSION));
        assertThat(List.of(new FileKeySourcePlugin().name(), new StateFileDatapathPlugin().name())).containsExactly("file", "state-file");
    }

    private PluginSettings settings() {
        return new PluginSettings(NodeName.of("node-1"), "default", temp.resolve("keys"), Duration.ofSeconds(10),
                temp.resolve("state"), Option.none(), false);
    }
}
