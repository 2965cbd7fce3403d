-- Team challenges ("500 active minutes together this week"). A challenge is a goal set by the
-- team's owner for one ISO week; its progress is computed from the published team totals only.
-- No person (not even who created it) and no statistic is stored here.

CREATE TABLE challenges (
  id          text PRIMARY KEY,
  team_id     text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  week        text NOT NULL CHECK (week ~ '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$'),
  metric      text NOT NULL CHECK (metric IN ('activeMinutes', 'reps', 'movementPoints')),
  kind        text NOT NULL CHECK (kind IN ('team-total', 'per-participant-day')),
  goal        integer NOT NULL CHECK (goal BETWEEN 1 AND 1000000000),
  created_on  date NOT NULL,
  -- Only orders a team's challenges as they were made.
  seq         bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX challenges_team_week_idx ON challenges (team_id, week);
