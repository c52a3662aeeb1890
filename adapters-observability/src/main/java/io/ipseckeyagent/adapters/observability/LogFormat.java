package io.ipseckeyagent.adapters.observability;

/** How log lines look: {@code text} (slog logfmt, as Cilium prints) or {@code json} (one object a line). */
public enum LogFormat {
    TEXT,
    JSON
}
