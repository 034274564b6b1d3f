import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { childrenReached } from "../audit/trailAsRead";
import { entryOwnAgencyAlone } from "../audit/trailReach";
import { childrenKeptOut } from "../exclusions/childrenKeptOut";
import { loadAffectedDisclosures, ownRestrictedRecords, summariseDisclosures, type AffectedDisclosure } from "./affectedDisclosures";
import { breachClock, type BreachClock } from "./breachClock";
import { ControllerPart } from "./ControllerPart";
import { BreachStatus, type PersonalDataBreach } from "./PersonalDataBreach";

/**
 * A breach as one agency's IG lead sees it: the part their agency controls and must tell — the affected
 * disclosures it is party to (its staff received them, or its records went out in them), the people
 * who received those, the children they were about (and any other child named with the breach whom the
 * agency holds a record of), the agencies party to them — and the rest only counted. A disclosure about
 * several children is the trail's multi-child entry and is narrowed as the trail is for an IG lead
 * (`audit/trailAsRead`): all its children when the reader's agency's staff received it, otherwise only
 * those the reader reaches (their agency holds a record about the child, or — children's services — the
 * child lives in their authority); the others are counted in `childrenElsewhere`. A breach across
 * several agencies' children is each controller's to report for its own part (UK GDPR Art 33; the hub
 * tells the controllers): one agency's IG lead never learns another agency's children, staff or
 * disclosures through it. What one agency's IG lead wrote is theirs too: the description, the source and
 * who opened it only to the opening agency's; each controller's decision (`ControllerPart.ts`) only to
 * that controller's — another's part is only counted while it is open (the free text names what the
 * other parts hide, and whether another controller reports is its own business). A child the reader is
 * kept out of (`exclusions/childrenKeptOut`) is in nobody's part for them, nor is a disclosure about it:
 * counted only. An agency party to the breach only through its SEALED or BROKERED records sees its own
 * part; to every other agency it is not there — not among the agencies to tell, not counted among the
 * parts open (`affectedDisclosures.ts`, `partiesSeenBy`). The clock shown is the reader's own part's:
 * 72 hours from when its agency became aware.
 */
export type BreachPart = Omit<PersonalDataBreach, "description" | "sourceId" | "openedBySub"> & {
  /** The opener's text, source and name: null to another agency's IG lead. */
  description: string | null;
  sourceId: string | null;
  openedBySub: string | null;
  /** The reader's agency's own part and its decision; null when the agency controls none of the breach. */
  controllerPart: ControllerPartOnClock | null;
  /** Other controllers' parts still undecided: counted, never named. */
  partsOpenElsewhere: number;
  /** Affected disclosures outside the reader's agency's part: counted, never named. */
  disclosuresElsewhere: number;
  /** Children affected outside the reader's agency's part: counted, never named. */
  childrenElsewhere: number;
  /** The reader's agency's own SEALED or BROKERED records that went out in its part (`ownRestrictedRecords`): for its IG leads' entries, never shown. */
  concealingRecordIds: string[];
};

/** A controller's part with where it stands on the clock. */
export type ControllerPartOnClock = Omit<ControllerPart, "breachId"> & { clock: BreachClock };

/** Each breach cut to the reader's agency's part. Five statements, however many breaches. */
export async function breachPartsFor(dataSource: DataSource, reader: Principal, breaches: readonly PersonalDataBreach[], now = new Date()): Promise<BreachPart[]> {
  const agency = reader.agency;
  const parts = breaches.length === 0 ? [] : await dataSource.getRepository(ControllerPart).createQueryBuilder("part").where("part.breach_id = ANY(:ids::uuid[])", { ids: breaches.map((breach) => breach.id) }).getMany();
  const keptOut = new Set((await childrenKeptOut(dataSource, reader)).suis);
  const disclosures = new Map((await loadAffectedDisclosures(dataSource, [...new Set(breaches.flatMap((breach) => breach.disclosureIds))])).map((disclosure) => [disclosure.id, disclosure]));
  const held: { sui: string }[] = await dataSource.query(
    `SELECT DISTINCT c.sui FROM child c JOIN agency_record r ON r.child_id = c.id WHERE c.sui = ANY($1::varchar[]) AND r.agency_code = $2 AND r.link_state = 'LINKED'`,
    [[...new Set(breaches.flatMap((breach) => breach.childSuis))], agency],
  );
  const heldSuis = new Set(held.map((row) => row.sui));
  const reached = await childrenReached(dataSource, reader, [...disclosures.values()].filter((disclosure) => disclosure.principalAgency !== agency).flatMap((disclosure) => disclosure.childSuis));
  const asRead = (disclosure: AffectedDisclosure): AffectedDisclosure =>
    disclosure.principalAgency === agency ? disclosure : { ...disclosure, childSuis: disclosure.childSuis.filter((sui) => reached.has(sui)) };
  return breaches.map((breach) => {
    const all = breach.disclosureIds.flatMap((id) => disclosures.get(id) ?? []);
    // A disclosure whose entry is its recipient agency's alone on the trail is that agency's part only: to any other party it is counted elsewhere, never named.
    const ours = all.filter((disclosure) => disclosure.parties.includes(agency) && (!disclosure.recipientAlone || disclosure.principalAgency === agency) && !disclosure.childSuis.some((sui) => keptOut.has(sui))).map(asRead);
    const namedByDisclosures = new Set(all.flatMap((disclosure) => disclosure.childSuis));
    const namedBeside = breach.childSuis.filter((sui) => !namedByDisclosures.has(sui) && !keptOut.has(sui) && (heldSuis.has(sui) || breach.openedByAgency === agency));
    const part = summariseDisclosures(ours, namedBeside, agency);
    const opener = breach.openedByAgency === agency;
    // A controller party only through its sealed or brokered records is told of its own part and is, to every other agency, no part at all.
    const known = new Set([agency, ...all.flatMap((disclosure) => disclosure.openParties)]);
    const controllers = parts.filter((controller) => controller.breachId === breach.id && (breach.agenciesToTell.length === 0 || known.has(controller.agency)));
    const own = controllers.find((controller) => controller.agency === agency);
    // Closed as far as the reader may know once every part it may know of is: a part hidden from it never holds the breach open in its view.
    const decided = controllers.length > 0 ? controllers.every((controller) => controller.status === BreachStatus.DECIDED) : breach.status === BreachStatus.DECIDED;
    return {
      ...breach, ...part,
      description: opener ? breach.description : null,
      sourceId: opener ? breach.sourceId : null,
      openedBySub: opener ? breach.openedBySub : null,
      // The reader's clock is its own part's: from when its agency became aware (`ControllerPart.ts`).
      awareAt: own?.awareAt ?? breach.awareAt,
      reportDueAt: own?.reportDueAt ?? breach.reportDueAt,
      timescaleEdition: own?.timescaleEdition ?? breach.timescaleEdition,
      status: decided ? BreachStatus.DECIDED : BreachStatus.OPEN,
      decidedAt: !decided ? null : controllers.length === 0 ? breach.decidedAt : new Date(Math.max(...controllers.map((controller) => controller.decidedAt?.getTime() ?? 0))),
      controllerPart: own === undefined ? null : { ...withoutBreachId(own), clock: breachClock(own, own.reportDueAt, now) },
      partsOpenElsewhere: controllers.filter((controller) => controller.agency !== agency && controller.status === BreachStatus.OPEN).length,
      disclosuresElsewhere: breach.disclosureIds.length - part.disclosureIds.length,
      childrenElsewhere: breach.childSuis.filter((sui) => !part.childSuis.includes(sui)).length,
      concealingRecordIds: ownRestrictedRecords(ours, agency),
    };
  });
}

function withoutBreachId({ breachId: _breachId, ...part }: ControllerPart): Omit<ControllerPart, "breachId"> {
  return part;
}

/**
 * An IG lead names only disclosures their agency is party to (its staff received them, or its records
 * went out in them): another's is answered as an id the trail does not hold, so opening a breach is no
 * way to learn whether an entry exists, nor to read what it was about.
 */
export async function requireOwnDisclosures(dataSource: DataSource, principal: Principal, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows: { id: string }[] = await dataSource.query(
    `SELECT d.id FROM disclosure_audit d WHERE d.id = ANY($1::uuid[])
        AND (d.principal_agency = $2 OR (NOT ${entryOwnAgencyAlone("d")} AND EXISTS (SELECT 1 FROM agency_record r WHERE r.agency_code = $2
              AND r.id::text IN (SELECT jsonb_array_elements_text(COALESCE(d.details->'recordIds', '[]'))))))`,
    [[...ids], principal.agency],
  );
  const ours = new Set(rows.map((row) => row.id));
  const index = ids.findIndex((id) => !ours.has(id.toLowerCase()));
  if (index >= 0) {
    throw new HubError(ErrorCode.INVALID_INPUT, "Your agency's trail holds no disclosure with this id.", { path: `breach.disclosureIds.${index}`, problem: "DISCLOSURE_NOT_FOUND" });
  }
}
