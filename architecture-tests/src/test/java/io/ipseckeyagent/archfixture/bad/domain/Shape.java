package io.ipseckeyagent.archfixture.bad.domain;

/** A sealed hierarchy, dispatched the wrong way by {@link ChainsInstanceof}. */
sealed interface Shape {
    record Circle(double radius) implements Shape {}

    record Square(double side) implements Shape {}
}
