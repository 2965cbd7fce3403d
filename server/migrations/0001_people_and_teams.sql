-- People, teams and memberships. A person is only an opaque key (issuer + subject) and two
-- dates for the retention purge: no e-mail, no name, no IP, no device.

CREATE TABLE people (
  id            text PRIMARY KEY,
  issuer        text NOT NULL,
  subject       text NOT NULL,
  created_on    date NOT NULL,
  last_seen_on  date NOT NULL,
  CONSTRAINT people_issuer_subject_key UNIQUE (issuer, subject)
);
CREATE INDEX people_last_seen_on_idx ON people (last_seen_on);

CREATE TABLE teams (
  id              text PRIMARY KEY,
  name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
  invite_code     text NOT NULL,
  next_member_no  integer NOT NULL DEFAULT 1,
  created_on      date NOT NULL,
  CONSTRAINT teams_invite_code_key UNIQUE (invite_code)
);

-- Ownership is a flag on the membership, so deleting a person never leaves a dangling owner:
-- the team is repaired afterwards (handed to the longest-standing member or closed).
CREATE TABLE memberships (
  team_id    text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  person_id  text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  member_id  text NOT NULL,
  member_no  integer NOT NULL,
  is_owner   boolean NOT NULL DEFAULT false,
  PRIMARY KEY (team_id, person_id),
  CONSTRAINT memberships_member_id_key UNIQUE (team_id, member_id),
  CONSTRAINT memberships_member_no_key UNIQUE (team_id, member_no)
);
CREATE INDEX memberships_person_id_idx ON memberships (person_id);
CREATE UNIQUE INDEX memberships_one_owner_idx ON memberships (team_id) WHERE is_owner;
