package io.ipseckeyagent.archfixture.bad.application.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Breaks: the core logs through a framework instead of its events port. */
final class LogsWithSlf4j {
    private static final Logger LOG = LoggerFactory.getLogger(LogsWithSlf4j.class);

    static void hello() {
        LOG.info("hello");
    }
}
