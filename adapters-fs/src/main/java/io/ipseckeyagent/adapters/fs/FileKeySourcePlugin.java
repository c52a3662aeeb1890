package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.application.port.in.HandleKeyFileChangeUseCase;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.ipseckeyagent.plugin.KeySourcePlugin;
import io.ipseckeyagent.plugin.PluginContext;
import io.ipseckeyagent.plugin.PluginSettings;

/**
 * {@code --key-source=file} (the default): reads {@code --ipsec-key-file} and watches it for
 * changes. A record: its name and plugin API version are its components, the API's two accessors.
 */
public record FileKeySourcePlugin(String name, int apiVersion) implements KeySourcePlugin {
    public static final String NAME = "file";

    /** What {@code ServiceLoader} calls; javac copies {@code API_VERSION} into this class. */
    public FileKeySourcePlugin() {
        this(NAME, API_VERSION);
    }

    @Override
    public KeyFileSourcePort keySource(PluginContext context) {
        return FileSystemAdapters.keyFileSource(context.settings().ipsecKeyFile());
    }

    /** File events, and a content check every {@code --key-file-poll-interval}; started before it returns. */
    @Override
    public AutoCloseable watch(PluginContext context, HandleKeyFileChangeUseCase onChange) {
        PluginSettings settings = context.settings();
        FileSystemAdapters.KeyFileWatch watch = FileSystemAdapters.keyFileWatcher(settings.ipsecKeyFile(),
                settings.keyFilePollInterval(), true, onChange);
        watch.start();
        return watch;
    }
}
