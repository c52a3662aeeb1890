package io.ipseckeyagent.application.port.in;

/**
 * Called by a key file watcher when the key file's content may have changed. Cheap and
 * thread-safe: it only queues the change; bursts are coalesced into one reload.
 */
public interface HandleKeyFileChangeUseCase {
    void keyFileChanged();
}
