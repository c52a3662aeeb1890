package io.ipseckeyagent.application.service;

import io.ipseckeyagent.adapters.inmemory.InMemoryClusterView;
import io.ipseckeyagent.adapters.inmemory.InMemoryDatapath;
import io.ipseckeyagent.adapters.inmemory.InMemoryKeyFileSource;
import io.ipseckeyagent.adapters.inmemory.InMemoryNodeKeyPublisher;
import io.ipseckeyagent.adapters.inmemory.RecordingEvents;
import io.ipseckeyagent.adapters.inmemory.SeededRandom;
import io.ipseckeyagent.adapters.inmemory.VirtualTime;
import io.ipseckeyagent.domain.key.NodeName;

/** One service wired to fakes on a virtual clock; fields are public to keep tests short. */
final class TestAgent {
    static final NodeName NODE = NodeName.of("node-a");

    final VirtualTime time;
    final SeededRandom random;
    final RecordingEvents events = new RecordingEvents();
    final InMemoryKeyFileSource keyFile = new InMemoryKeyFileSource();
    final InMemoryDatapath datapath;
    final InMemoryNodeKeyPublisher publisher = new InMemoryNodeKeyPublisher();
    final InMemoryClusterView cluster = InMemoryClusterView.empty();
    final AgentSettings settings;
    RotationService service;

    TestAgent(long seed) {
        this(AgentSettings.defaults(NODE), seed, new InMemoryDatapath());
    }

    TestAgent(AgentSettings settings, long seed, InMemoryDatapath datapath) {
        this.time = new VirtualTime();
        this.random = new SeededRandom(seed);
        this.datapath = datapath;
        this.settings = settings;
        this.service = newService();
    }

    /** A fresh service on the same fakes and clock: what a restarted process would be. */
    RotationService newService() {
        return new RotationService(settings, keyFile, datapath, publisher, cluster, time, time, random, events);
    }

    /** Writes the key file and tells the service, as the watcher would. */
    void rewrite(String content) {
        keyFile.write(content);
        service.keyFileChanged();
    }

    /** Starts on {@code content}, lets the first publish happen, and forgets the events so far. */
    TestAgent startedOn(String content) {
        keyFile.write(content);
        service.start();
        time.runUntilIdle();
        events.clear();
        return this;
    }
}
