package io.ipseckeyagent.archfixture.bad.application.port.in;

/** Breaks: an in port whose name does not end with UseCase. */
public interface DoesThings {
    void doIt();
}
