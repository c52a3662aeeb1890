package io.ipseckeyagent.archfixture.bad.application.port.in;

import io.ipseckeyagent.archfixture.bad.application.service.ThingService;

/** Breaks: a port that names its implementation, so the service can no longer change behind it. */
public interface HandThingUseCase {
    ThingService service();
}
