package dev.ripeness.bench.harness;

import dev.ripeness.schema.Event;
import dev.ripeness.schema.Position;
import dev.ripeness.streams.TestEvents;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/** Synthetic in-order events of every kind the model folds, for the benches. */
final class PipelineBenchEvents {

    private static final String[] TYPES = {"SETTLEMENT_CAPTURED", "OFFENSIVE_LAUNCHED", "NEGOTIATION_ROUND", "STRIKE",
            "WITHDRAWAL", "CASUALTIES_REPORTED", "MEDIATOR_STANCE", "DEMAND_STATED", "SANCTIONS_IMPOSED", "STATEMENT"};

    private PipelineBenchEvents() {}

    static Event synthetic(int i, LocalDate date, Random random) {
        String type = TYPES[random.nextInt(TYPES.length)];
        String actor = random.nextBoolean() ? "NOR" : "SOU";
        Event.Builder e = TestEvents.event("bench-" + i, date.toString(), actor, type);
        switch (type) {
            case "SETTLEMENT_CAPTURED", "OFFENSIVE_LAUNCHED", "WITHDRAWAL" -> e.setFront(random.nextBoolean() ? "river" : "hills");
            case "STRIKE", "SANCTIONS_IMPOSED" -> e.setTarget(actor.equals("NOR") ? "SOU" : "NOR");
            case "CASUALTIES_REPORTED" -> e.setCasualties((long) random.nextInt(5000));
            case "MEDIATOR_STANCE" -> e.setActor("MED").setIntensity(random.nextDouble());
            case "DEMAND_STATED" -> e.setPositions(List.of(Position.newBuilder().setDimension("border")
                    .setDemand(actor.equals("NOR") ? "bd-valley" : "bd-old").setAccept(actor.equals("NOR") ? "bd-strip" : "bd-strip")
                    .build()));
            default -> { }
        }
        return e.build();
    }
}
