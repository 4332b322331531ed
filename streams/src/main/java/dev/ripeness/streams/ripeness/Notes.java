package dev.ripeness.streams.ripeness;

import dev.ripeness.conflict.ConflictConfig;
import dev.ripeness.schema.Event;
import dev.ripeness.streams.model.EventTypes;
import dev.ripeness.streams.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/** Says which model parameters turned an event into a component's change (the driver's note). */
final class Notes {

    private Notes() {}

    static String note(Event e, String component, ConflictConfig conflict, ModelConfig m) {
        String type = e.getType();
        List<String> p = new ArrayList<>();
        ModelConfig.Fronts f = m.fronts();
        Double score = f.scores().get(type);
        if (score != null) {
            p.add("fronts.scores." + type + "=" + score + " x confidence " + e.getConfidence());
        }
        if (e.getAreaKm2() != null && (type.equals(EventTypes.TERRITORY_CHANGE) || type.equals(EventTypes.CONTROL_SNAPSHOT))) {
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
            p.add("wayOut.impulses." + type + "=" + impulse + " x confidence " + e.getConfidence()
                    + ", wayOut.halfLifeDays=" + m.wayOut().halfLifeDays());
        }
        if (type.equals(EventTypes.AGREEMENT_VIOLATION)) {
            p.add("wayOut.violationImpulse=" + m.wayOut().violationImpulse() + ", wayOut.trustHalfLifeDays="
                    + m.wayOut().trustHalfLifeDays() + ", wayOut.trustSensitivity=" + m.wayOut().trustSensitivity());
        }
        if (conflict.actor(e.getActor()).map(a -> a.role() == ConflictConfig.Role.MEDIATOR).orElse(false)
                && (impulse != null || type.equals(EventTypes.MEDIATOR_STANCE))) {
            p.add("wayOut.mediatorImpulse=" + m.wayOut().mediatorImpulse());
        }
        if (type.equals(EventTypes.MEDIATOR_STANCE)) {
            p.add("mediator.reversalThreshold=" + m.mediator().reversalThreshold()
                    + ", ripeness.planBStanceThreshold=" + m.ripeness().planBStanceThreshold());
        }
        signal(p, "catastrophe", m.catastrophe(), type);
        signal(p, "opportunity", m.opportunity(), type);
        if (!e.getPositions().isEmpty()) {
            p.add("positions on the ladders; wayOut.gapDiscount=" + m.wayOut().gapDiscount()
                    + ", wayOut.unknownGapDiscount=" + m.wayOut().unknownGapDiscount());
        }
        String via = switch (component.contains(":") ? component.substring(0, component.indexOf(':')) : component) {
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
    private static List<String> hurtTerms(Event e) {
        boolean figure = e.getCasualties() != null;
        return switch (e.getType()) {
            case EventTypes.CASUALTIES_REPORTED -> List.of(figure ? "casualties" : "lossReports");
            case EventTypes.ARMED_CLASH -> figure ? List.of("attrition", "casualties") : List.of("attrition");
            case EventTypes.STRIKE -> figure ? List.of("strikesSuffered", "casualties") : List.of("strikesSuffered");
            case EventTypes.MASS_ATROCITY -> figure ? List.of("atrocities", "casualties") : List.of("atrocities");
            case EventTypes.OFFENSIVE_LAUNCHED, EventTypes.SIEGE_STARTED -> List.of("attrition", "underAttack");
            case EventTypes.SETTLEMENT_CAPTURED, EventTypes.ENCIRCLEMENT, EventTypes.TERRITORY_CHANGE,
                 EventTypes.CONTROL_SNAPSHOT, EventTypes.WITHDRAWAL -> List.of("groundLost");
            case EventTypes.OFFENSIVE_FAILED, EventTypes.OFFENSIVE_STALLED -> List.of("setbacks");
            case EventTypes.SANCTIONS_IMPOSED -> List.of("sanctions");
            case EventTypes.MOBILISATION -> List.of("mobilisation");
            case EventTypes.AID_SUSPENDED -> List.of("aidSuspended");
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
