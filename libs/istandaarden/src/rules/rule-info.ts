/** One row of the Zorginstituut rule report: the retour code a failure gives and where it is checked. */
export interface RuleInfo {
  retourCode: string | null;
  level: string | null;
  title: string;
}
