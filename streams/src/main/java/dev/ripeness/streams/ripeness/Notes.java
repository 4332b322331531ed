package dev.ripeness.streams.ripeness;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.event.EventType;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.model.Contribution;
import dev.ripeness.streams.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/** Says which model parameters turned an event into a component's change (the driver's note). */
final class Notes {

    private Notes() {}

    /**
     * Everything {@link #note} reads besides the model: two contributions with equal keys get the
     * same note, so a model can reuse it (a day of 100 events writes a note per event and changed
     * component).
     */
    record Key(Contribution.Cause cause, String via) {}

    static Key key(Contribution.Cause cause, String component) {
        return new Key(cause, via(component));
    }

    /** What of {@code e} its notes are rendered from. */
    static Contribution.Cause cause(Event e) {
        return new Contribution.Cause(e.getType(), e.getConfidence(), e.getAreaKm2() != null, e.getCasualties() != null,
                e.getActor(), !e.getPositions().isEmpty());
    }

    private static String via(String component) {
        return component.contains(":") ? component.substring(0, component.indexOf(':')) : component;
    }

    static String note(Key k, ConflictConfig conflict, ModelConfig m) {
        Contribution.Cause e = k.cause();
        String type = e.type();
        List<String> p = new ArrayList<>();
        ModelConfig.Fronts f = m.fronts();
        Double score = f.scores().get(type);
        if (score != null) {
            p.add("fronts.scores." + type + "=" + score + " x confidence " + e.confidence());
        }
        if (e.area() && (EventType.TERRITORY_CHANGE.is(type) || EventType.CONTROL_SNAPSHOT.is(type))) {
            p.add("km2 score tanh(area / fronts.areaScaleKm2=" + f.areaScaleKm2() + ")");
        }
        Double loss = f.lossShares().get(type);
        if (loss != null) {
            p.add("fronts.lossShares." + type + "=" + loss + " against the side that lost the ground");
        }
        for (String term : hurtTerms(e)) {
            ModelConfig.Term t = m.hurt().terms().get(term);
            p.add("hurt.terms." + term + " weight=" + t.weight() + " scale=" + t.scale());
        }
        Double impulse = m.wayOut().impulses().get(type);
        if (impulse != null) {
            p.add("wayOut.impulses." + type + "=" + impulse + " x confidence " + e.confidence()
                    + ", wayOut.halfLifeDays=" + m.wayOut().halfLifeDays());
        }
        if (EventType.AGREEMENT_VIOLATION.is(type)) {
            p.add("wayOut.violationImpulse=" + m.wayOut().violationImpulse() + ", wayOut.trustHalfLifeDays="
                    + m.wayOut().trustHalfLifeDays() + ", wayOut.trustSensitivity=" + m.wayOut().trustSensitivity());
        }
        if (conflict.actor(e.actor()).map(a -> a.role() == ConflictConfig.Role.MEDIATOR).orElse(false)
                && (impulse != null || EventType.MEDIATOR_STANCE.is(type))) {
            p.add("wayOut.mediatorImpulse=" + m.wayOut().mediatorImpulse());
        }
        if (EventType.MEDIATOR_STANCE.is(type)) {
            p.add("mediator.reversalThreshold=" + m.mediator().reversalThreshold()
                    + ", ripeness.planBStanceThreshold=" + m.ripeness().planBStanceThreshold());
        }
        signal(p, "catastrophe", m.catastrophe(), type);
        signal(p, "opportunity", m.opportunity(), type);
        if (e.positions()) {
            p.add("positions on the ladders; wayOut.gapDiscount=" + m.wayOut().gapDiscount()
                    + ", wayOut.unknownGapDiscount=" + m.wayOut().unknownGapDiscount());
        }
        String via = switch (k.via()) {
            case "ripeness" -> "ripeness = pressure^ripeness.pressureWeight(" + m.ripeness().pressureWeight()
                    + ") x wayOut^(1-pressureWeight)";
            case "mhs" -> "MHS = min over sides of min(perceived stalemate, hurt)";
            case "perceivedStalemate" -> "perception.momentumTemperature=" + m.perception().momentumTemperature()
                    + ", perception.tacticalWeight=" + m.perception().tacticalWeight();
            case "momentum" -> "momentum = score / (fronts.priorEvidence=" + f.priorEvidence() + " + evidence), "
                    + "fronts.halfLifeDays=" + f.halfLifeDays();
            case "hurt" -> "hurt.halfLifeDays=" + m.hurt().halfLifeDays();
            default -> null;
        };
        if (via != null) {
            p.add(via);
        }
        return type + ": " + (p.isEmpty() ? "no direct parameter" : String.join("; ", p));
    }

    /** The hurt terms an event feeds (stalemate.Evidence is the rule; this names them for the note). */
    private static List<String> hurtTerms(Contribution.Cause e) {
        boolean figure = e.casualties();
        EventType kind = EventType.parse(e.type()).orElse(null);
        if (kind == null) {
            return List.of();
        }
        return switch (kind) {
            case CASUALTIES_REPORTED -> List.of(figure ? "casualties" : "lossReports");
            case ARMED_CLASH -> figure ? List.of("attrition", "casualties") : List.of("attrition");
            case STRIKE -> figure ? List.of("strikesSuffered", "casualties") : List.of("strikesSuffered");
            case MASS_ATROCITY -> figure ? List.of("atrocities", "casualties") : List.of("atrocities");
            case OFFENSIVE_LAUNCHED, SIEGE_STARTED -> List.of("attrition", "underAttack");
            case SETTLEMENT_CAPTURED, ENCIRCLEMENT, TERRITORY_CHANGE,
                 CONTROL_SNAPSHOT, WITHDRAWAL -> List.of("groundLost");
            case OFFENSIVE_FAILED, OFFENSIVE_STALLED -> List.of("setbacks");
            case SANCTIONS_IMPOSED -> List.of("sanctions");
            case MOBILISATION -> List.of("mobilisation");
            case AID_SUSPENDED -> List.of("aidSuspended");
            default -> List.of();
        };
    }

    private static void signal(List<String> p, String name, ModelConfig.Signal s, String type) {
        Double v = s.impulses().get(type);
        if (v != null) {
            p.add(name + ".impulses." + type + "=" + v + ", " + name + ".halfLifeDays=" + s.halfLifeDays());
        }
    }
}
