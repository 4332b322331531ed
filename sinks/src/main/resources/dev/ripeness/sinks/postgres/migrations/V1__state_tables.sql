-- One table per state topic, keyed exactly like the topic (the Kafka record key), so that
-- re-reading a topic upserts the same rows. Typed columns for what people query; the whole
-- record as jsonb in "record". Typed columns are nullable on purpose: a record the pipeline
-- got wrong must not block the sink on a constraint; "record" always holds what arrived.

CREATE TABLE actor_demand (
    key            text PRIMARY KEY,          -- conflict|actor
    conflict       text,
    actor          text,
    as_of          date,
    model_version  text,
    demand_index   double precision,          -- 0..1, null until a demand is stated
    escalations    integer,
    deescalations  integer,
    ratchets       integer,
    record         jsonb NOT NULL
);
CREATE INDEX actor_demand_conflict ON actor_demand (conflict, actor);

CREATE TABLE demand_gap (
    key            text PRIMARY KEY,          -- conflict|actorA|actorB
    conflict       text,
    actor_a        text,
    actor_b        text,
    as_of          date,
    model_version  text,
    demand_gap     double precision,          -- 0..1, null when any dimension is unknown
    zopa           text,             -- YES, NO or UNKNOWN
    record         jsonb NOT NULL
);
CREATE INDEX demand_gap_conflict ON demand_gap (conflict);

CREATE TABLE front_indicators (
    key                  text PRIMARY KEY,    -- conflict|front|actor
    conflict             text,
    front                text,
    actor                text,
    as_of                date,
    model_version        text,
    momentum             double precision,
    siege_days           integer,
    time_to_goal_years   double precision,    -- null = infinite or no stated aim
    tactical_stalemate   boolean,
    strategic_stalemate  boolean,
    record               jsonb NOT NULL
);
CREATE INDEX front_indicators_conflict ON front_indicators (conflict, front);

-- The latest assessment per conflict (topic ripeness.assessments) and the whole series
-- (topic ripeness.assessment-timeline) share their columns.
CREATE TABLE assessment (
    key                 text PRIMARY KEY,     -- conflict
    conflict            text,
    as_of               date,
    model_version       text,
    ripeness            double precision,
    band                text,        -- UNRIPE, EMERGING or RIPE
    pathway             text,        -- NONE, PLAN_A_WINDOW or PLAN_B_PRESSURE
    mhs                 double precision,
    way_out             double precision,
    demand_gap          double precision,
    zopa                text,
    catastrophe         double precision,
    opportunity         double precision,
    mediator            text,
    mediator_stance     double precision,     -- 0 = PLAN_A, 1 = PLAN_B
    mediator_reversals  integer,
    event_count         bigint,
    last_event_id       text,
    record              jsonb NOT NULL
);

CREATE TABLE assessment_timeline (LIKE assessment INCLUDING ALL);
COMMENT ON COLUMN assessment_timeline.key IS 'conflict|YYYY-MM-DD';
CREATE INDEX assessment_timeline_conflict_date ON assessment_timeline (conflict, as_of);
