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
        switch (type) {
            case EventTypes.SETTLEMENT_CAPTURED -> p.add("fronts.captureWeight=" + f.captureWeight());
            case EventTypes.OFFENSIVE_LAUNCHED -> p.add("fronts.offensiveWeight=" + f.offensiveWeight());
            case EventTypes.OFFENSIVE_STALLED -> p.add("fronts.stalledWeight=" + f.stalledWeight());
            case EventTypes.OFFENSIVE_FAILED -> p.add("fronts.failedWeight=" + f.failedWeight());
            case EventTypes.WITHDRAWAL -> p.add("fronts.withdrawalWeight=" + f.withdrawalWeight());
            case EventTypes.TERRITORY_CHANGE, EventTypes.CONTROL_SNAPSHOT -> p.add(e.getAreaKm2() == null
                    ? "no km2 figure: counted as a gain, fronts.captureWeight=" + f.captureWeight() : "fronts.areaScaleKm2PerDay="
                    + f.areaScaleKm2PerDay() + ", fronts.areaWeight=" + f.areaWeight());
            case EventTypes.CASUALTIES_REPORTED -> p.add(e.getCasualties() != null ? term("casualties", m.hurt().terms().casualties())
                    : term("lossReports", m.hurt().terms().lossReports()));
            case EventTypes.ARMED_CLASH -> p.add((e.getCasualties() != null ? term("casualties", m.hurt().terms().casualties())
                    : term("lossReports", m.hurt().terms().lossReports())) + " (split between the sides)");
            case EventTypes.STRIKE -> p.add(term("strikesSuffered", m.hurt().terms().strikesSuffered()));
            case EventTypes.SANCTIONS_IMPOSED -> p.add(term("sanctions", m.hurt().terms().sanctions()));
            case EventTypes.MOBILISATION -> p.add(term("mobilisation", m.hurt().terms().mobilisation()));
            case EventTypes.AID_SUSPENDED -> p.add(term("aidSuspended", m.hurt().terms().aidSuspended()));
            case EventTypes.AGREEMENT_VIOLATION -> p.add("wayOut.violationImpulse=" + m.wayOut().violationImpulse()
                    + ", wayOut.trustHalfLifeDays=" + m.wayOut().trustHalfLifeDays()
                    + ", wayOut.trustSensitivity=" + m.wayOut().trustSensitivity());
            case EventTypes.MEDIATOR_STANCE -> p.add("mediator.reversalThreshold=" + m.mediator().reversalThreshold()
                    + ", ripeness.planBStanceThreshold=" + m.ripeness().planBStanceThreshold());
            default -> { }
        }
        if (m.demand().setbackTypes().contains(type) || m.demand().opponentGainTypes().contains(type)) {
            p.add(term("setbacks", m.hurt().terms().setbacks()));
        }
        Double impulse = m.wayOut().impulses().get(type);
        if (impulse != null) {
            p.add("wayOut.impulses." + type + "=" + impulse + " x confidence " + e.getConfidence()
                    + ", wayOut.halfLifeDays=" + m.wayOut().halfLifeDays());
        }
        if (conflict.actor(e.getActor()).map(a -> a.role() == ConflictConfig.Role.MEDIATOR).orElse(false)
                && (impulse != null || type.equals(EventTypes.MEDIATOR_STANCE))) {
            p.add("wayOut.mediatorImpulse=" + m.wayOut().mediatorImpulse());
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
            case "mhs" -> "MHS = min over belligerents of min(perceived stalemate, hurt)";
            case "perceivedStalemate" -> "perception.tacticalWeight=" + m.perception().tacticalWeight()
                    + ", perception.momentumScale=" + m.perception().momentumScale();
            case "momentum" -> "momentum over fronts.momentumWindowDays=" + f.momentumWindowDays()
                    + ", fronts.qualitativeScale=" + f.qualitativeScale();
            case "hurt" -> "hurt over hurt.windowDays=" + m.hurt().windowDays();
            default -> null;
        };
        if (via != null) {
            p.add(via);
        }
        return type + ": " + (p.isEmpty() ? "no direct parameter" : String.join("; ", p));
    }

    private static String term(String name, ModelConfig.Term t) {
        return "hurt.terms." + name + " weight=" + t.weight() + " scale=" + t.scale();
    }

    private static void signal(List<String> p, String name, ModelConfig.Signal s, String type) {
        Double v = s.impulses().get(type);
        if (v != null) {
            p.add(name + ".impulses." + type + "=" + v + ", " + name + ".halfLifeDays=" + s.halfLifeDays());
        }
    }
}
