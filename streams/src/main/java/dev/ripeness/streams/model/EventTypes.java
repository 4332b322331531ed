package dev.ripeness.streams.model;

import java.util.Set;

/**
 * The event vocabulary the model understands (docs/events.md §3, docs/model.md §1). An event of another type is
 * refused at the pipeline's door with the list below in the reason.
 */
public final class EventTypes {

    private EventTypes() {}

    public static final String DEMAND_STATED = "DEMAND_STATED";
    public static final String POSITION_OFFERED = "POSITION_OFFERED";
    public static final String PROPOSAL = "PROPOSAL";
    public static final String NEGOTIATION_ROUND = "NEGOTIATION_ROUND";
    public static final String AGREEMENT = "AGREEMENT";
    public static final String AGREEMENT_VIOLATION = "AGREEMENT_VIOLATION";
    public static final String PRISONER_EXCHANGE = "PRISONER_EXCHANGE";
    public static final String OFFENSIVE_LAUNCHED = "OFFENSIVE_LAUNCHED";
    public static final String OFFENSIVE_STALLED = "OFFENSIVE_STALLED";
    public static final String OFFENSIVE_FAILED = "OFFENSIVE_FAILED";
    public static final String SETTLEMENT_CAPTURED = "SETTLEMENT_CAPTURED";
    public static final String WITHDRAWAL = "WITHDRAWAL";
    public static final String SIEGE_STARTED = "SIEGE_STARTED";
    public static final String TERRITORY_CHANGE = "TERRITORY_CHANGE";
    public static final String CONTROL_SNAPSHOT = "CONTROL_SNAPSHOT";
    public static final String STRIKE = "STRIKE";
    public static final String CASUALTIES_REPORTED = "CASUALTIES_REPORTED";
    public static final String MOBILISATION = "MOBILISATION";
    public static final String SANCTIONS_IMPOSED = "SANCTIONS_IMPOSED";
    public static final String SANCTIONS_LIFTED = "SANCTIONS_LIFTED";
    public static final String AID_PLEDGED = "AID_PLEDGED";
    public static final String AID_DELIVERED = "AID_DELIVERED";
    public static final String AID_SUSPENDED = "AID_SUSPENDED";
    public static final String ANNEXATION = "ANNEXATION";
    public static final String ESCALATION_THREAT = "ESCALATION_THREAT";
    public static final String INCENTIVE_OFFERED = "INCENTIVE_OFFERED";
    public static final String MEDIATOR_STANCE = "MEDIATOR_STANCE";
    public static final String THIRD_PARTY_ENTRY = "THIRD_PARTY_ENTRY";
    public static final String STATEMENT = "STATEMENT";
    /** Fighting between actor and target without a reported change of control (ACLED armed clash, UCDP). */
    public static final String ARMED_CLASH = "ARMED_CLASH";
    public static final String TALKS_SUSPENDED = "TALKS_SUSPENDED";
    public static final String CEASEFIRE_IN_FORCE = "CEASEFIRE_IN_FORCE";
    public static final String CEASEFIRE_EXPIRED = "CEASEFIRE_EXPIRED";
    public static final String LEADERSHIP_CHANGE = "LEADERSHIP_CHANGE";
    public static final String MASS_ATROCITY = "MASS_ATROCITY";
    public static final String ENCIRCLEMENT = "ENCIRCLEMENT";

    /** Every type the model accepts. */
    public static final Set<String> ALL = Set.of(DEMAND_STATED, POSITION_OFFERED, PROPOSAL, NEGOTIATION_ROUND,
            AGREEMENT, AGREEMENT_VIOLATION, PRISONER_EXCHANGE, OFFENSIVE_LAUNCHED, OFFENSIVE_STALLED,
            OFFENSIVE_FAILED, SETTLEMENT_CAPTURED, WITHDRAWAL, SIEGE_STARTED, TERRITORY_CHANGE, CONTROL_SNAPSHOT,
            STRIKE, CASUALTIES_REPORTED, MOBILISATION, SANCTIONS_IMPOSED, SANCTIONS_LIFTED, AID_PLEDGED,
            AID_DELIVERED, AID_SUSPENDED, ANNEXATION, ESCALATION_THREAT, INCENTIVE_OFFERED, MEDIATOR_STANCE,
            THIRD_PARTY_ENTRY, STATEMENT, ARMED_CLASH, TALKS_SUSPENDED, CEASEFIRE_IN_FORCE, CEASEFIRE_EXPIRED,
            LEADERSHIP_CHANGE, MASS_ATROCITY, ENCIRCLEMENT);

    public static boolean known(String type) {
        return type != null && ALL.contains(type);
    }
}
