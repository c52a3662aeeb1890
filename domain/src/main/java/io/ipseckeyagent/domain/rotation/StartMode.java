package io.ipseckeyagent.domain.rotation;

/** What the machine does at start with a key file that differs from what a previous run applied. */
public enum StartMode {
    /** Apply a changed file at once (local work); only the publish waits for the jitter. */
    PUBLISH,
    /**
     * Nothing applied yet: apply at once. The same content applied: do nothing locally. Different
     * content: a full jittered rotation, its deadline kept from a recorded {@link PendingChange}.
     */
    RELAY
}
