package io.ipseckeyagent.bootstrap;

/** Entry point of the agent jar. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("ipsec-key-agent");
    }
}
