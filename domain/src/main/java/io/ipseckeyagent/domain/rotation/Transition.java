package io.ipseckeyagent.domain.rotation;

import io.vavr.collection.List;

/** The machine's answer to one event: the next state and the commands to carry out, in order. */
public record Transition(RotationState state, List<RotationCommand> commands) {

    static Transition stay(RotationState state) {
        return new Transition(state, List.empty());
    }

    static Transition to(RotationState state, RotationCommand... commands) {
        return new Transition(state, List.of(commands));
    }

    // Most transitions add nothing (no record, no notice): this one as it is, not a copy.
    Transition append(List<RotationCommand> last) {
        return last.isEmpty() ? this : new Transition(state, commands.appendAll(last));
    }

    Transition prepend(List<RotationCommand> first) {
        return first.isEmpty() ? this : new Transition(state, first.appendAll(commands));
    }
}
