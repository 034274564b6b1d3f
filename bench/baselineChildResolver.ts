import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { type HubContext } from "../src/graphql/context";
import { AccessContextInput } from "../src/graphql/types/child/AccessContextInput";
import { ChildRecord } from "../src/graphql/types/child/ChildRecord";
import { loadChildFile } from "../src/disclosure/loadChildFile";
import { legitimateRelationships } from "../src/disclosure/legitimateRelationships";
import { buildDisclosureSubject, demographicsSubject } from "../src/disclosure/buildDisclosureSubject";
import { buildChildRecordView } from "../src/disclosure/buildChildRecordView";
import { type ChildRecordView } from "../src/disclosure/ChildRecordView";
import { ConsentState } from "../src/policy/ConsentState";
import { parseSui } from "../src/identity/nhsNumber";
import { sameSources, visibleIdentity } from "../src/people/identityFacts";

/**
 * The benchmark's baseline: the same reads and the same response shape as `child`, with no policy
 * (every field disclosed) and no audit entry. Never part of the hub's schema.
 */
@Resolver()
export class BaselineChildResolver {
  @Query(() => ChildRecord, { nullable: true })
  async child(@Ctx() { dataSource, policy, principal }: HubContext, @Arg("sui", () => ID) sui: string, @Arg("access", () => AccessContextInput) access: AccessContextInput): Promise<ChildRecordView | null> {
    const now = new Date();
    const file = await loadChildFile(dataSource, parseSui(sui), now);
    if (file === null) return null;
    const relationships = legitimateRelationships(file, principal, access, { policy, now, openCaseReference: false });
    const subject = buildDisclosureSubject(file, { relationships, consent: ConsentState.NOT_RECORDED, openCaseReference: false });
    const identity = visibleIdentity(file.identity, sameSources(new Set(file.identity.reports.map((report) => report.recordId))));
    const everything = [...subject.records, demographicsSubject(identity)].flatMap((record) => record.fields.map((field) => field.path));
    const view = buildChildRecordView(file, identity, { outcome: "DECIDED", disclosed: everything, withheld: [], brokered: [], sealed: [], grantingRules: [] }, access, relationships);
    return { ...view, disclosureId: "baseline", supplementaryStatements: [], restrictions: [] };
  }
}
