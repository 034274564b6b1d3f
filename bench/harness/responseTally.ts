/** A disclosure receipt in a response body: the audit entry's id the hub answered with. */
const DISCLOSURE_ID = /"disclosureId":"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/g;

export interface TallyFigures {
  responses: number;
  ok: number;
  /** 200 with GraphQL errors in the body: refused or failed, whatever HTTP said. */
  graphqlErrors: number;
  clientErrors: number;
  serverErrors: number;
  /** Of serverErrors, 503s. */
  unavailable: number;
  /** Of serverErrors, those answered while no fault was injected: must be zero. */
  serverErrorsOutsideFaults: number;
  /** Connections refused or reset and timeouts (autocannon's errors), counted apart from answers. */
  connectionErrors: number;
}

/**
 * Counts what came back, response by response (autocannon's `onResponse`), and keeps every
 * disclosure id a response carried, so the fault script can look each up on the trail.
 */
export class ResponseTally {
  private readonly figures: TallyFigures = { responses: 0, ok: 0, graphqlErrors: 0, clientErrors: 0, serverErrors: 0, unavailable: 0, serverErrorsOutsideFaults: 0, connectionErrors: 0 };
  readonly disclosureIds = new Set<string>();
  /** 5xx by the fault being injected (or recovered from) when they came. */
  readonly serverErrorsByFault = new Map<string, number>();

  /** `fault`: the fault being injected (or recovered from) when the response came, null when none was. */
  record(status: number, body: string, fault: string | null = null): void {
    this.figures.responses++;
    if (status >= 500) {
      this.figures.serverErrors++;
      if (status === 503) this.figures.unavailable++;
      if (fault === null) this.figures.serverErrorsOutsideFaults++;
      else this.serverErrorsByFault.set(fault, (this.serverErrorsByFault.get(fault) ?? 0) + 1);
    } else if (status >= 400) this.figures.clientErrors++;
    else if (body.includes('"errors":')) this.figures.graphqlErrors++;
    else this.figures.ok++;
    for (const match of body.matchAll(DISCLOSURE_ID)) this.disclosureIds.add(match[1]);
  }

  connectionError(count = 1): void {
    this.figures.connectionErrors += count;
  }

  get counts(): TallyFigures {
    return { ...this.figures };
  }
}

/** Errors as a share of responses, in percent, to one decimal place ("0.0" when there were none). */
export const errorRate = (errors: number, responses: number): string => (responses === 0 ? "0.0" : ((100 * errors) / responses).toFixed(1));
