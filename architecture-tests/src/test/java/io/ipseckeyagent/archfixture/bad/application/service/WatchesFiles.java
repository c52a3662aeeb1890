package io.ipseckeyagent.archfixture.bad.application.service;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.WatchService;

/** Breaks: file watching in the core (java.., but java.nio.file is an adapter's job). */
final class WatchesFiles {
    static WatchService watch() throws IOException {
        return FileSystems.getDefault().newWatchService();
    }
}
