import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { AuditOperation } from "../../audit/AuditOperation";
import { DISCLOSURES_CURSOR, listDisclosures } from "../../audit/listDisclosures";
import { exportDisclosures, ExportFormat, MAX_EXPORT_ENTRIES, type DisclosureExport as Export } from "../../audit/exportDisclosures";
import { verifyAuditTrail } from "../../audit/verifyAuditTrail";
import { type AuditVerification as Verification } from "../../audit/verifyAuditChain";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { AuditVerification, DisclosureConnection, DisclosureExport, DisclosureFilterInput } from "../types/audit/AuditTypes";
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

  @Query(() => AuditVerification, { description: "IG leads: recompute every audit chain and name the first broken entry. Discloses no personal data, so takes no access context; audited." })
  async verifyAuditChain(@Ctx() { dataSource, policy, principal, requestId }: HubContext): Promise<Verification> {
    return verifyAuditTrail({ dataSource, policy }, principal, requestId);
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
