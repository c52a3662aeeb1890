package io.ipseckeyagent.archfixture.bad.adapters.fs;

import io.ipseckeyagent.archfixture.bad.application.service.ThingService;

/** Breaks: an adapter that calls the service instead of the use case (in port) it implements. */
final class CallsTheService {
    void changed(ThingService service) {
        service.handle();
    }
}
