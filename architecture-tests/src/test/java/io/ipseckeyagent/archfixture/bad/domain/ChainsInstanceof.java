package io.ipseckeyagent.archfixture.bad.domain;

/** Breaks: an instanceof chain over a sealed type, where a forgotten case would not fail the build. */
final class ChainsInstanceof {
    static double area(Shape shape) {
        if (shape instanceof Shape.Circle circle) {
            return Math.PI * circle.radius() * circle.radius();
        } else if (shape instanceof Shape.Square square) {
            return square.side() * square.side();
        }
        return 0;
    }
}
