package io.ipseckeyagent.archfixture.bad.application.port.out;

/** Breaks: an out port whose name does not end with Port. */
public interface WrongName {
    void send();
}
