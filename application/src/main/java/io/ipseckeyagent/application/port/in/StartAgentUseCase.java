package io.ipseckeyagent.application.port.in;

/**
 * Starts the agent: loads the key file and reconciles it with what this node publishes now. A
 * required publish goes through the jitter like any rotation: delayed, never skipped.
 */
public interface StartAgentUseCase {
    void start();
}
