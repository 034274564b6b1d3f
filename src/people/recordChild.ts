import { type EntityManager } from "typeorm";
import { type ChildIdentitySubmission } from "../records/AgencyRecordSubmission";
import { AddressKind } from "./AddressKind";
import { Child } from "./Child";
import { ChildAddress } from "./ChildAddress";
import { ChildName } from "./ChildName";
import { NameKind } from "./NameKind";
import { normalisePostcode } from "./postcode";
import { sameName, tidyName } from "./personName";

export interface RecordedChild {
  child: Child;
  /** A new child, or a name or postcode the hub had not been told: the child's match profile must follow. */
  identityGrew: boolean;
}

/**
 * Finds or creates the child with this SUI and adds what the agency reported to the child's history:
 * a name the hub has not seen becomes an ALIAS, an address not seen becomes a new address entry. What
 * the hub already holds (the usual name, the date of birth) is never overwritten by one agency's view:
 * correcting identity is a data steward's decision.
 */
export async function recordChild(manager: EntityManager, sui: string, reported: ChildIdentitySubmission, agencyCode: string, now: Date): Promise<RecordedChild> {
  const givenNames = tidyName(reported.givenNames);
  const familyName = tidyName(reported.familyName);
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(Child)
    .values({
      sui,
      givenNames,
      familyName,
      dateOfBirth: reported.dateOfBirth ?? null,
      expectedDateOfBirth: reported.expectedDateOfBirth ?? null,
      sex: reported.sex,
      localAuthority: reported.address?.localAuthority ?? null,
    })
    .orIgnore()
    .returning(["id"])
    .execute();
  const child = await manager.getRepository(Child).findOneOrFail({ where: { sui }, relations: { names: true, addresses: true } });
  const isNew = inserted.identifiers.length > 0 && inserted.identifiers[0] !== undefined;

  const names = manager.getRepository(ChildName);
  const knownName = child.names.find((name) => sameName(name, { givenNames, familyName }));
  if (knownName) {
    knownName.lastReportedAt = now;
    await names.save(knownName);
  } else {
    await names.insert({ child, givenNames, familyName, kind: isNew ? NameKind.USUAL : NameKind.ALIAS, reportedBy: agencyCode });
  }

  if (reported.address) {
    const address = reported.address;
    const postcode = address.postcode ? (normalisePostcode(address.postcode) ?? "") : "";
    const line1 = tidyName(address.line1);
    const addresses = manager.getRepository(ChildAddress);
    const known = child.addresses.find((a) => a.kind === address.kind && a.postcode === postcode && a.line1.toLowerCase() === line1.toLowerCase());
    const labels = [...new Set([...(known?.labels ?? []), ...(address.labels ?? [])])];
    await addresses.save({
      ...(known ?? { child, kind: address.kind, line1, postcode }),
      line2: address.line2 ?? null,
      town: address.town ?? null,
      localAuthority: address.localAuthority ?? null,
      validFrom: address.validFrom ?? null,
      labels,
      reportedBy: agencyCode,
      lastReportedAt: now,
    });
    const residence = address.kind === AddressKind.HOME || address.kind === AddressKind.PLACEMENT;
    if (residence && address.localAuthority && address.localAuthority !== child.localAuthority) {
      await manager.getRepository(Child).update({ id: child.id }, { localAuthority: address.localAuthority });
      child.localAuthority = address.localAuthority;
    }
  }
  // What the matcher compares (names, postcodes) grew only if the child, a name or an address is new.
  const knownPostcode = reported.address?.postcode ? child.addresses.some((a) => a.postcode === normalisePostcode(reported.address?.postcode ?? "")) : true;
  return { child, identityGrew: isNew || knownName === undefined || !knownPostcode };
}
