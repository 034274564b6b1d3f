import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { AuditOperation } from "../../audit/AuditOperation";
import { DISCLOSURES_CURSOR, listDisclosures } from "../../audit/listDisclosures";
import { readDisclosure } from "../../audit/readDisclosure";
import { uuid } from "../input/uuid";
import { exportDisclosures, ExportFormat, MAX_EXPORT_ENTRIES, type DisclosureExport as Export } from "../../audit/exportDisclosures";
import { verifyAuditTrail } from "../../audit/verifyAuditTrail";
import { exportAuditCheckpoints, readAuditVerificationRuns, startAuditVerification } from "../../audit/auditVerificationJobs";
import { type VerificationRun } from "../../audit/verificationRuns";
import { type AuditVerification as Verification } from "../../audit/verifyAuditChain";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { AuditVerification, AuditVerificationRun, DisclosureConnection, DisclosureExport, DisclosureFilterInput, DisclosureNode } from "../types/audit/AuditTypes";
import { AccessContextInput } from "../types/child/AccessContextInput";
import { governanceAccessDescription } from "../types/governanceAccessDescription";

/** IG leads' view of the disclosure audit (HUB.md §7). Every one of these reads is itself audited. */
@Resolver()
export class AuditResolver {
  @Query(() => DisclosureConnection, { description: "IG leads: audit entries matching the filter, newest first. States why (INFORMATION_GOVERNANCE); audited." })
  @ArgumentRules({ after: DISCLOSURES_CURSOR.rule })
  async disclosures(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("filter", () => DisclosureFilterInput, { nullable: true }) filter: DisclosureFilterInput | null,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.AUDIT_QUERY) }) access: AccessContextInput,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<DisclosureConnection> {
    const page = await listDisclosures({ dataSource, policy }, principal, requestId, access, filter, first, after);
    return { nodes: page.entries, totalCount: page.totalCount, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
  }

  @Query(() => DisclosureNode, { nullable: true, description: "IG leads: one audit entry, as `disclosures` shows it (the same reach and projection); null when the hub holds no such entry or you may not see it (the two are not distinguished). States why (INFORMATION_GOVERNANCE); audited, naming only its children." })
  @ArgumentRules({ id: uuid })
  async disclosure(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.AUDIT_QUERY) }) access: AccessContextInput,
  ): Promise<DisclosureNode | null> {
    return readDisclosure({ dataSource, policy }, principal, requestId, access, id);
  }

  @Query(() => AuditVerification, { description: "IG leads: recompute every audit chain and name the first broken entry. Discloses no personal data, so takes no access context; audited." })
  async verifyAuditChain(@Ctx() { dataSource, policy, principal, requestId }: HubContext): Promise<Verification> {
    return verifyAuditTrail({ dataSource, policy }, principal, requestId);
  }

  @Mutation(() => AuditVerificationRun, {
    description:
      "IG leads: start verifying the whole trail, against the hub's signed checkpoints, as a job; answers at once with the RUNNING run, whose result auditVerificationRuns shows. since: only what follows that checkpoint. Takes no access context; audited.",
  })
  async startAuditVerification(@Ctx() { dataSource, policy, principal, requestId, publishedKeys }: HubContext, @Arg("since", () => Int, { nullable: true }) since: number | null): Promise<VerificationRun> {
    return startAuditVerification({ dataSource, policy }, principal, requestId, publishedKeys, since ?? null);
  }

  @Query(() => [AuditVerificationRun], { description: "IG leads: the newest verification runs (at most 100), running or finished. Takes no access context; audited." })
  async auditVerificationRuns(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("first", () => Int, { defaultValue: 20 }) first: number): Promise<VerificationRun[]> {
    return readAuditVerificationRuns({ dataSource, policy }, principal, requestId, first);
  }

  @Query(() => [String], {
    description: "IG leads: the hub's signed audit checkpoints after number `after`, oldest first, each a compact JWS (at most 10,000): keep them, one a line, outside the database for npm run audit:verify. Takes no access context; audited.",
  })
  async auditCheckpoints(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("after", () => Int, { defaultValue: 0 }) after: number): Promise<string[]> {
    return exportAuditCheckpoints({ dataSource, policy }, principal, requestId, after);
  }

  @Query(() => DisclosureExport, { description: "IG leads: the matching entries as CSV or FHIR R4 AuditEvent JSON. States why (INFORMATION_GOVERNANCE); audited." })
  async exportDisclosures(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("filter", () => DisclosureFilterInput, { nullable: true }) filter: DisclosureFilterInput | null,
    @Arg("format", () => ExportFormat) format: ExportFormat,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.AUDIT_EXPORT) }) access: AccessContextInput,
    @Arg("limit", () => Int, { nullable: true }) limit: number | null,
  ): Promise<Export> {
    return exportDisclosures({ dataSource, policy }, principal, requestId, access, filter, format, limit ?? MAX_EXPORT_ENTRIES);
  }
}
