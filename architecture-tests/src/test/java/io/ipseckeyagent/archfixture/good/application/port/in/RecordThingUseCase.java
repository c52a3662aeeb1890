package io.ipseckeyagent.archfixture.good.application.port.in;

import io.ipseckeyagent.archfixture.good.domain.Thing;

public interface RecordThingUseCase {
    void record(Thing thing);
}
