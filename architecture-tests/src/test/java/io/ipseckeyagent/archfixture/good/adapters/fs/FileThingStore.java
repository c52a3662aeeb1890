package io.ipseckeyagent.archfixture.good.adapters.fs;

import io.ipseckeyagent.archfixture.good.application.port.out.StoreOutcome;
import io.ipseckeyagent.archfixture.good.application.port.out.ThingStorePort;
import io.ipseckeyagent.archfixture.good.domain.Thing;
import java.nio.file.Files;
import java.nio.file.Path;

final class FileThingStore implements ThingStorePort {
    private final Path directory;

    FileThingStore(FsSettings settings) {
        this.directory = Path.of(settings.directory());
    }

    @Override
    public StoreOutcome store(Thing thing) {
        return Files.isDirectory(directory) ? new StoreOutcome.Stored() : new StoreOutcome.Refused("no " + directory);
    }
}
