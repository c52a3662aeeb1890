package io.ipseckeyagent.adapters.observability;

import io.vavr.collection.List;

/** Whether the agent is healthy, and if not, why: one reason per failing condition. */
public record HealthStatus(List<String> reasons) {

    public static HealthStatus ok() {
        return new HealthStatus(List.empty());
    }

    public boolean healthy() {
        return reasons.isEmpty();
    }

    /** {@code {"status":"ok"}} or {@code {"status":"unhealthy","reasons":[...]}}, as {@code /healthz} answers. */
    public String toJson() {
        return healthy()
                ? "{\"status\":\"ok\"}"
                : reasons.map(Json::quote).mkString("{\"status\":\"unhealthy\",\"reasons\":[", ",", "]}");
    }
}
