/**
 * ObservabilityAdapters adapters of the core's {@code AgentEventsPort}: log lines (our own SLF4J 2 backend,
 * slog-style text or JSON), Prometheus metrics, and health, served on {@code /metrics} and
 * {@code /healthz}. Entry points: {@link io.ipseckeyagent.adapters.observability.AgentLogging} and
 * {@link io.ipseckeyagent.adapters.observability.ObservabilityAdapters}.
 */
package io.ipseckeyagent.adapters.observability;
