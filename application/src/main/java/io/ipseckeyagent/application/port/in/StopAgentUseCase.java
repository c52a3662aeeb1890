package io.ipseckeyagent.application.port.in;

/** Stops the agent: cancels a pending jitter wait and retries; nothing is left half done. */
public interface StopAgentUseCase {
    void stop();
}
