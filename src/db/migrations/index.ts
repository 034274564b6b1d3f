import { type MigrationInterface } from "typeorm";
import { Extensions1763856000000 } from "./1763856000000-Extensions";
import { CoreSchema1795391396706 } from "./1795391396706-CoreSchema";
import { DisclosureAudit1795393531788 } from "./1795393531788-DisclosureAudit";
import { ConsentAndIgAlerts1795393901359 } from "./1795393901359-ConsentAndIgAlerts";
import { IdentityResolution1795398441494 } from "./1795398441494-IdentityResolution";

type MigrationClass = new () => MigrationInterface;

/** In order. Listed explicitly so the same list works from `src/` under jest and from `dist/`. */
export const MIGRATIONS: MigrationClass[] = [Extensions1763856000000, CoreSchema1795391396706, DisclosureAudit1795393531788, ConsentAndIgAlerts1795393901359, IdentityResolution1795398441494];
