-- Unlinkable aggregates (design §7). Three kinds of table, deliberately unrelated:
--  * token_issuance links a person to a (team, day) ISSUANCE only: no token value (the server
--    only ever sees blinded requests), no statistic.
--  * spent_tokens holds the nonce of each redeemed token and its day: no person, no value, no time
--    finer than the day.
--  * aggregate_sums holds (team, day) sums and the contributor count: no person, no upload.
-- aggregate_noise keeps the noise drawn once per (team, window, metric) when noise is on.

CREATE TABLE token_issuance (
  person_id  text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  team_id    text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  day        date NOT NULL,
  PRIMARY KEY (person_id, team_id, day)
);
CREATE INDEX token_issuance_day_idx ON token_issuance (day);

CREATE TABLE spent_tokens (
  nonce  bytea PRIMARY KEY CHECK (octet_length(nonce) = 32),
  day    date NOT NULL
);
CREATE INDEX spent_tokens_day_idx ON spent_tokens (day);

CREATE TABLE aggregate_sums (
  team_id          text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  day              date NOT NULL,
  contributors     integer NOT NULL DEFAULT 0 CHECK (contributors >= 0),
  active_minutes   bigint NOT NULL DEFAULT 0 CHECK (active_minutes >= 0),
  reps             bigint NOT NULL DEFAULT 0 CHECK (reps >= 0),
  movement_points  bigint NOT NULL DEFAULT 0 CHECK (movement_points >= 0),
  PRIMARY KEY (team_id, day)
);

CREATE TABLE aggregate_noise (
  team_id  text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  time_window text NOT NULL,
  metric   text NOT NULL,
  noise    bigint NOT NULL,
  PRIMARY KEY (team_id, time_window, metric)
);

-- The anonymous ingest runs as this role (SET LOCAL ROLE): it can touch spent_tokens and
-- aggregate_sums only. Roles are cluster-wide, so it is created once and granted per schema.
-- Where the migrating user may not create roles, the migration still succeeds and the server
-- falls back to the application role (it logs that at start).
DO $$
BEGIN
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'microbreak_ingest') THEN
      CREATE ROLE microbreak_ingest NOLOGIN;
    END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
  END;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO microbreak_ingest', current_schema());
  GRANT SELECT, INSERT ON spent_tokens TO microbreak_ingest;
  GRANT SELECT, INSERT, UPDATE ON aggregate_sums TO microbreak_ingest;
  IF NOT pg_has_role(current_user, 'microbreak_ingest', 'MEMBER') THEN
    EXECUTE format('GRANT microbreak_ingest TO %I', current_user);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'microbreak_ingest role not set up: %', SQLERRM;
END $$;
