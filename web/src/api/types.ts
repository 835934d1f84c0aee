/**
 * Shapes of the API replies the dashboard reads: the server's contracts (capabilities/<name>/contract.ts,
 * the same schemas /openapi.json is made from), imported as types only.
 */
import type * as journeys from '../../../src/capabilities/journeys/contract.ts';
import type * as understand from '../../../src/capabilities/understand/structural/contract.ts';
import type * as workspaces from '../../../src/capabilities/workspaces/contract.ts';
import type * as people from '../../../src/capabilities/people/contract.ts';

export type JourneyMap = journeys.JourneyMap;
export type TimelinePage = journeys.TimelinePage;
export type StageCounts = journeys.StageCounts;
export type SessionInfo = workspaces.SessionInfo;
export type DataLoad = NonNullable<workspaces.DataLoadInfo['load']>;
export type DataLoadInfo = workspaces.DataLoadInfo;
export type ApiKeyList = workspaces.ApiKeyList;
export type ApiKey = ApiKeyList['keys'][number];
export type CreatedApiKey = workspaces.CreatedApiKey;
export type Stage = JourneyMap['stages'][number];
export type Touchpoint = Stage['touchpoints'][number];
export type Phase = Stage['phase'];
export type TimelineItem = TimelinePage['items'][number];

export type MicmacResult = understand.MicmacReply;
/** One MICMAC run: the direct plane (quadrants, threshold) and the indirect one from M^power. */
export type MicmacRun = Pick<MicmacResult, 'direct' | 'indirect' | 'quadrants' | 'threshold'>;
export type Quadrant = MicmacResult['quadrants'][number];
export type DematelResult = understand.DematelReply;
export type DematelGroup = DematelResult['groups'][number];
export type CibResult = understand.CibReply;
export type CibScenario = CibResult['consistent'][number];

export type MicmacRequest = understand.MicmacRequest;
export type DematelRequest = understand.DematelRequest;
export type CibRequest = understand.CibRequest;
/** The matrix MICMAC and DEMATEL both take. */
export type InfluenceInput = Pick<DematelRequest, 'variables' | 'matrix'>;
export type MatrixCell = InfluenceInput['matrix'][number][number];
/** The judgement matrix CIB takes, without its options. */
export type CibInput = Pick<CibRequest, 'descriptors' | 'matrix'>;

export type Member = people.Member;
export type MemberList = people.MemberList;
export type Role = people.Role;
export type Invitation = people.Invitation;
export type Account = people.Account;
export type TotpChallenge = people.TotpChallenge;
export type TotpEnrolment = people.TotpEnrolment;
