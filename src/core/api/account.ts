/** The signed-in person's own data (/api/me): their teams, the export and account deletion. */
import { Type, type Static } from 'typebox';
import { TeamSummary } from './teams';

/** GET /api/me: looking stores nothing. */
export const MeReply = Type.Object({ teams: Type.Array(TeamSummary) });

/** GET /api/me/export: everything the server holds about the person (GDPR art. 15). */
export const AccountExport = Type.Object({
  format: Type.String(),
  stored: Type.Boolean(),
  identity: Type.Object({ issuer: Type.String(), subject: Type.String() }),
  createdOn: Type.Union([Type.String(), Type.Null()]),
  lastSeenOn: Type.Union([Type.String(), Type.Null()]),
  memberships: Type.Array(
    Type.Object({ teamId: Type.String(), teamName: Type.String(), memberId: Type.String(), memberNumber: Type.Integer(), role: Type.String() }),
  ),
  tokenIssuance: Type.Array(Type.Object({ teamId: Type.String(), day: Type.String() })),
});
export type AccountExport = Static<typeof AccountExport>;

/** DELETE /api/me: teams the person owned are handed over or closed. */
export const DeleteReply = Type.Object({ deleted: Type.Boolean(), teamsHandedOver: Type.Integer(), teamsClosed: Type.Integer() });
