/**
 * The teams API (/api/teams…), written once: the server validates and serialises with these
 * schemas, the page takes their Static<> types and checks the answers. Members are shown only by an
 * opaque member id and a label ("you", "member 3"): the reply schemas list every field that may
 * leave the server, and the serialiser drops any other.
 */
import { Type, type Static } from 'typebox';
import { OpaqueId } from './common';

export const MAX_TEAMS_PER_PERSON = 100;
export const MAX_MEMBERS_PER_TEAM = 1000;
export const MAX_TEAM_NAME = 80;

export const Role = Type.Enum(['owner', 'member']);
export type Role = Static<typeof Role>;

/** 204: the DELETE routes answer with no body. */
export const NoContent = Type.Unsafe<void>({});

export const TeamParams = Type.Object({ id: OpaqueId });
export const MemberParams = Type.Object({ id: OpaqueId, memberId: OpaqueId });

/** POST /api/teams, PATCH /api/teams/:id. */
export const NameBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: MAX_TEAM_NAME }) }, { additionalProperties: false });
/** POST /api/teams/join and /join/preview; a pasted code may carry spaces or dashes. */
export const InviteBody = Type.Object({ inviteCode: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const TeamMember = Type.Object({ memberId: Type.String(), label: Type.String(), role: Role, you: Type.Boolean() });
export type TeamMember = Static<typeof TeamMember>;

const teamDetail = {
  id: Type.String(),
  name: Type.String(),
  memberCount: Type.Integer(),
  you: Type.Object({ memberId: Type.String(), role: Role }),
  members: Type.Array(TeamMember),
  /** Only for the owner, as people read it (K7QF-9M2X-TR4D); null for members. */
  inviteCode: Type.Union([Type.String(), Type.Null()]),
};
/** One team as its member sees it: GET/PATCH /api/teams/:id, POST /api/teams. */
export const TeamDetail = Type.Object(teamDetail);
export type TeamDetail = Static<typeof TeamDetail>;
/** POST /api/teams/join: false when the person was already a member. */
export const JoinedTeam = Type.Object({ ...teamDetail, joined: Type.Boolean() });

/** POST /api/teams/join/preview: which team a code leads to, before joining. */
export const JoinPreview = Type.Object({ name: Type.String(), memberCount: Type.Integer(), member: Type.Boolean() });
export const LeaveReply = Type.Object({ left: Type.Boolean(), teamClosed: Type.Boolean() });
export const InviteReply = Type.Object({ inviteCode: Type.String() });

/** One of the person's teams (GET /api/me). */
export const TeamSummary = Type.Object({ id: Type.String(), name: Type.String(), memberId: Type.String(), role: Role, memberCount: Type.Integer() });
export type TeamSummary = Static<typeof TeamSummary>;
