import { IsoDate } from '@vangnet/contracts';
import { ResidentPartView } from '../crisis-card/crisis-card.dto';
import { ActionView, GoalView, ProvisionView, ReviewView, ScoreHistoryView, WhoPaysView } from '../goals/goals.dto';
import { HandoverView, ParticipantView } from '../plans/plans.dto';

/** A plan as one caller may see it: a section the caller's consent does not open is absent. */
export interface PlanView {
  id: string;
  householdId: string;
  municipality: string;
  status: string;
  openedOn: IsoDate;
  coordinator: { org: string; team: string | null };
  priorities: string[];
  reviewIntervalMonths: number;
  nextReviewOn: IsoDate;
  version: number;
  /** Who the caller is on the plan and what it was granted. */
  viewer: { coordinator: boolean; participantIds: string[]; sections: string[]; domains: string[] | 'ALL' };
  handovers: HandoverView[];
  participants: ParticipantView[];
  members?: Array<{ personId: string; role: string; from: IsoDate; to: IsoDate | null }>;
  goals?: GoalView[];
  actions: ActionView[];
  reviews?: ReviewView[];
  scoreHistory?: ScoreHistoryView[];
  provisions: ProvisionView[];
  whoPays?: WhoPaysView[];
  residentParts?: ResidentPartView[];
}
